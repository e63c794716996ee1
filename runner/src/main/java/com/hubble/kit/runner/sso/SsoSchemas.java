package com.hubble.kit.runner.sso;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Validates /sso bodies against the kit's JSON Schemas (sso-response, sso-rejection); violations as text. */
final class SsoSchemas {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SsoSchemas() {
    }

    static List<String> violations(String schema, String body) {
        List<String> problems = new ArrayList<>();
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (Exception e) {
            return List.of("the body is not JSON");
        }
        if (node == null || !node.isObject()) {
            return List.of("the body is not a JSON object");
        }
        JsonNode userId = node.get("userId");
        if (schema.equals("sso-rejection")) {
            if (userId == null) {
                problems.add("/userId: required property missing");
            } else if (!userId.isNull()) {
                problems.add("/userId: must be null");
            }
        } else {
            if (userId == null) {
                problems.add("/userId: required property missing");
            } else if (!userId.isTextual() || userId.asText().isEmpty()) {
                problems.add("/userId: must be a non-empty string");
            }
            for (String field : List.of("email", "firstName", "lastName", "phoneNumber")) {
                JsonNode value = node.get(field);
                if (value != null && !value.isNull() && !value.isTextual()) {
                    problems.add("/" + field + ": must be a string or null");
                }
            }
            JsonNode cohorts = node.get("cohorts");
            if (cohorts != null && !cohorts.isNull()) {
                if (!cohorts.isArray()) {
                    problems.add("/cohorts: must be an array of strings");
                } else {
                    for (int i = 0; i < cohorts.size(); i++) {
                        if (!cohorts.get(i).isTextual()) {
                            problems.add("/cohorts/" + i + ": must be a string");
                        }
                    }
                }
            }
        }
        return problems;
    }
}
