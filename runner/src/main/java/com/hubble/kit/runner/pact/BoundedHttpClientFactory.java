package com.hubble.kit.runner.pact;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

import au.com.dius.pact.provider.IHttpClientFactory;
import au.com.dius.pact.provider.IProviderInfo;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.HttpsSupport;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;
import org.apache.hc.core5.reactor.ssl.SSLBufferMode;
import org.apache.hc.core5.ssl.SSLContexts;
import org.apache.hc.core5.util.Timeout;

/**
 * The verifier's HTTP client, held to the runner's rules: redirects never followed (the secret must not reach
 * another host), no retries, TLS 1.2+ with verified certificates, a per-request time budget, response bodies read
 * up to 1 MiB and never decompressed.
 */
final class BoundedHttpClientFactory implements IHttpClientFactory {
    static final int MAX_BODY = 1024 * 1024;
    private final Duration timeout;

    Duration timeout() {
        return timeout;
    }

    BoundedHttpClientFactory(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public CloseableHttpClient newClient(IProviderInfo provider) {
        Timeout perStep = Timeout.ofMilliseconds(timeout.toMillis());
        return HttpClients.custom()
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                // No Accept-Encoding and no transparent decompression: the 1 MiB cap below counts the bytes the
                // partner sent, so a small gzip bomb cannot inflate into gigabytes (a gzip body simply mismatches).
                .disableContentCompression()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        // TLS 1.2 and 1.3 only, whatever the process allows for the TLS probe
                        .setTlsSocketStrategy(new DefaultClientTlsStrategy(SSLContexts.createDefault(),
                                new String[]{"TLSv1.3", "TLSv1.2"}, null, SSLBufferMode.STATIC,
                                HttpsSupport.getDefaultHostnameVerifier()))
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(perStep)
                                .setSocketTimeout(perStep)
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(perStep).build())
                .addExecInterceptorLast("hubble-kit-bounds", (request, scope, chain) -> {
                    long deadline = System.nanoTime() + timeout.toNanos();
                    ClassicHttpResponse response = chain.proceed(request, scope);
                    if (response.getEntity() != null) {
                        response.setEntity(new BoundedEntity(response.getEntity(), deadline, response));
                    }
                    return response;
                })
                .build();
    }

    /** The response body was still arriving when the request's time budget ran out (a trickling partner). */
    /** A timeout, as a socket's: FailureWords words it so. */
    static final class TimeBudgetExceeded extends java.net.SocketTimeoutException {
        TimeBudgetExceeded() {
            super("response body not complete within the time budget");
        }
    }

    /**
     * The response body went past 1 MiB. Carries what came before the limit (status, headers, the first 1 MiB,
     * unredacted): the kit still judges that part for an echoed secret, as check judges a body cut at its limit.
     */
    static final class BodyTooLarge extends IOException {
        private final transient ClassicHttpResponse response;
        private final byte[] head;

        BodyTooLarge(ClassicHttpResponse response, byte[] head) {
            super("response body larger than 1 MiB");
            this.response = response;
            this.head = head;
        }

        int status() {
            return response.getCode();
        }

        java.util.List<com.hubble.kit.runner.report.Header> headers() {
            java.util.List<com.hubble.kit.runner.report.Header> headers = new java.util.ArrayList<>();
            for (org.apache.hc.core5.http.Header header : response.getHeaders()) {
                headers.add(new com.hubble.kit.runner.report.Header(header.getName(), header.getValue()));
            }
            return headers;
        }

        byte[] head() {
            return head.clone();
        }
    }

    /** A response body that stops at 1 MiB or at the request's deadline, whichever comes first. */
    private static final class BoundedEntity extends HttpEntityWrapper {
        private final long deadline;
        private final ClassicHttpResponse response;

        BoundedEntity(HttpEntity entity, long deadline, ClassicHttpResponse response) {
            super(entity);
            this.deadline = deadline;
            this.response = response;
        }

        @Override
        public InputStream getContent() throws IOException {
            return new FilterInputStream(super.getContent()) {
                private long total;
                private final java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    int n = read(one, 0, 1);
                    return n == -1 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (System.nanoTime() > deadline) {
                        throw new TimeBudgetExceeded();
                    }
                    int n = super.read(b, off, len);
                    if (n > 0) {
                        int keep = (int) Math.max(0, Math.min(n, MAX_BODY - total));
                        head.write(b, off, keep);
                        total += n;
                        if (total > MAX_BODY) {
                            throw new BodyTooLarge(response, head.toByteArray());
                        }
                    }
                    return n;
                }
            };
        }

        @Override
        public void writeTo(java.io.OutputStream out) throws IOException {
            try (InputStream in = getContent()) {
                in.transferTo(out);
            }
        }
    }
}
