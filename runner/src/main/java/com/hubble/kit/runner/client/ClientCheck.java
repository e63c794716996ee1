package com.hubble.kit.runner.client;

import com.hubble.kit.runner.report.Check;

/** A rule for a partner's Hubble API client, judged over the sandbox's recording of its traffic. */
public interface ClientCheck extends Check<ClientSession> {
    String SOURCE = "Hubble partner API, Authentication: ";

    @Override
    default String area() {
        return "Hubble API client";
    }

    @Override
    default String sends() {
        return "nothing: the sandbox records the partner's client (run with client-check --run CMD) and judges its requests";
    }
}
