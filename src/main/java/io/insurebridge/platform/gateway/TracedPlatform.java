package io.insurebridge.platform.gateway;

import io.insurebridge.platform.PlatformClient;
import io.insurebridge.platform.PlatformRejectedException;
import io.insurebridge.platform.PlatformRequest;
import io.insurebridge.platform.PlatformResponse;
import io.insurebridge.platform.PlatformTimeoutException;
import io.insurebridge.platform.PlatformUnavailableException;

/**
 * Sends through the configured {@link PlatformClient} and writes the trace around it: the request before it
 * leaves, then the answer, the refusal or the timeout. A refusal (infcode -1) becomes
 * {@link PlatformRejectedException} with the platform's own err_msg.
 */
public class TracedPlatform {

    private final PlatformClient client;
    private final PlatformCallLog log;

    public TracedPlatform(PlatformClient client, PlatformCallLog log) {
        this.client = client;
        this.log = log;
    }

    public PlatformResponse send(PlatformRequest request, String visitNo) {
        log.sent(request, visitNo);
        return exchange(request);
    }

    /**
     * Sends a transaction that got no answer once more, with the same msgid: the platform answers a repeated msgid
     * with what it answered the first time (or does it now if it never arrived) and never does it twice.
     */
    public PlatformResponse resend(String msgid) {
        PlatformCall call = log.find(msgid).orElseThrow(() -> new IllegalStateException("no transaction " + msgid));
        return exchange(call.request());
    }

    private PlatformResponse exchange(PlatformRequest request) {
        PlatformResponse response;
        try {
            response = client.call(request);
        } catch (PlatformTimeoutException e) {
            log.timedOut(request.msgid());
            throw e;
        } catch (PlatformUnavailableException e) {
            log.failed(request.msgid(), e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            // an unexpected failure after sending: the outcome is unknown, exactly like a timeout
            log.timedOut(request.msgid());
            throw new PlatformTimeoutException(request.msgid(), request.infno(),
                    request.infno() + " " + request.msgid() + ": no usable answer (" + e + ")", e);
        }
        log.answered(request.msgid(), response);
        if (!response.success()) {
            throw new PlatformRejectedException(request.infno(), response.err_msg(), request.msgid());
        }
        return response;
    }
}
