package com.hubble.kit.runner.sso;

import java.util.List;
import java.util.Optional;

/**
 * THE list of /sso checks, in run order: {@code check} runs it, {@code list} and {@code explain} print it, the
 * docs are generated from it. Ids are stable: add checks, never rename one. Run-wide checks (sso.errors.*,
 * sso.transport.no-redirect) come after the checks whose responses they judge.
 */
public final class SsoCatalogue {
    private SsoCatalogue() {
    }

    public static List<SsoCheck<?>> checks(boolean singleUse) {
        return List.of(
                new ValidStatus(),
                new ValidContentType(),
                new ValidSchema(),
                new ValidIdentity(),
                new ValidProfile(),
                new ValidEmail(),
                new ValidNoStore(),
                new SecretHeaderCase(),
                new TokenRandom(),
                new TokenTampered(),
                new TokenEmpty(),
                new TokenMissing(),
                new TokenExpired(),
                new TokenWrongType(),
                new TokenOversized(),
                new TokenInjection(),
                new TokenReplay(singleUse),
                new SecretMissing(),
                new SecretEmpty(),
                new SecretWrong(),
                new SecretVariants(),
                new SecretBeforeToken(),
                new MethodGet(),
                new BodyMalformed(),
                new BodyUnknownFields(),
                new BodyOversized(),
                new ErrorsJson(),
                new ErrorsNoStackTrace(),
                new ErrorsNoSecretEcho(),
                new TransportHttps(),
                new TransportTls(),
                new TransportNoRedirect(),
                new PerfLatency(),
                new PerfConcurrency(),
                new PerfTimingLeak());
    }

    public static Optional<SsoCheck<?>> find(String id, boolean singleUse) {
        return checks(singleUse).stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
