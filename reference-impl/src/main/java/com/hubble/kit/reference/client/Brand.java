package com.hubble.kit.reference.client;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One Hubble brand (a gift-card product), as {@code GET /v1/partners/products} returns it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Brand(String id, String status, String title, String brandDescription,
                    @JsonAlias("categories") List<String> category, List<String> tags, String denominationType,
                    String cardType, String redemptionType, AmountRestrictions amountRestrictions,
                    String thumbnailUrl, String logoUrl, String tncUrl, List<String> termsAndConditions,
                    List<String> howToUseInstructions) {

    /** Order and voucher limits of a brand. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AmountRestrictions(Double minOrderAmount, Double maxOrderAmount, Double minVoucherAmount,
                                     Double maxVoucherAmount, Integer maxVouchersPerOrder,
                                     Integer maxVouchersPerDenomination, Integer maxDenominationsPerOrder,
                                     List<Double> denominations) {
    }
}
