package com.hubble.kit.runner.client;

import com.hubble.kit.runner.report.Check;

/** A rule for a partner's Hubble API client, judged over the sandbox's recording of its traffic. */
public interface ClientCheck extends Check<ClientSession> {
    String SOURCE = "Hubble partner API, Authentication: ";

    /** What every client check sends: nothing, it judges what the partner's client sent. */
    String SENDS = "nothing: the sandbox records the partner's client (run with client-check --run CMD) and judges its requests";
}
