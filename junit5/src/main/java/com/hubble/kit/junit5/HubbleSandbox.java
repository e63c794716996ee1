package com.hubble.kit.junit5;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts the Hubble API sandbox in-process on a free loopback port for the annotated test class, with these fault
 * controls, and stops it after the class. Declare a {@link RunningSandbox} parameter (test, lifecycle method or
 * constructor) to get its base URL and credentials, and after your client ran, {@link RunningSandbox#grade()}.
 * The defaults match {@code hubble-kit client-check}: 3600 s tokens, the token revoked on authenticated call 5.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(HubbleSandboxExtension.class)
public @interface HubbleSandbox {

    /** The token lifetime the sandbox announces in expiresInSecs; a few seconds exercises the client's refresh. */
    long tokenLifetimeSecs() default 3600;

    /** Revoke the token on this authenticated call: a 401 the client must recover from (0 = off). */
    int revokeTokenAtCall() default 5;

    /** Answer this authenticated call 429 with Retry-After (0 = off). */
    int throttleAtCall() default 0;

    /** Retry-After of the injected 429, in seconds. */
    int retryAfterSecs() default 1;

    /** Answer this authenticated call 503 (0 = off). */
    int unavailableAtCall() default 0;

    /** SHOULD checks gate too in {@link ClientGrade#assertCompliant()}. */
    boolean strict() default false;

    /** When not empty, {@link RunningSandbox#grade()} writes report.json, junit.xml, report.html and report.md here. */
    String reportDir() default "";
}
