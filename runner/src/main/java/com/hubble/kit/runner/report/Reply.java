package com.hubble.kit.runner.report;

/** What came back for a request: a response, or a transport failure (timeout, refused, reset, TLS). */
public sealed interface Reply permits RecordedResponse, TransportFailure {
}
