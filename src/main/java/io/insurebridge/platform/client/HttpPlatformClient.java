package io.insurebridge.platform.client;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;

import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

import io.insurebridge.platform.PlatformClient;
import io.insurebridge.platform.PlatformJson;
import io.insurebridge.platform.PlatformProperties;
import io.insurebridge.platform.PlatformRequest;
import io.insurebridge.platform.PlatformResponse;
import io.insurebridge.platform.PlatformTimeoutException;
import io.insurebridge.platform.PlatformUnavailableException;

/**
 * POSTs the envelope to the platform's callService URL (the real platform, or a settlement node's
 * /fsi/api/callService). Failures before the request left (refused, unknown host, connect timeout) are
 * "unavailable"; anything after it left without a readable envelope back is a timeout: the outcome is unknown.
 */
public class HttpPlatformClient implements PlatformClient {

    private final RestClient rest;
    private final String url;
    private final long timeoutMillis;

    public HttpPlatformClient(PlatformProperties properties) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(properties.timeout());
        this.rest = RestClient.builder().requestFactory(factory).build();
        this.url = properties.url();
        this.timeoutMillis = properties.timeout().toMillis();
    }

    @Override
    public PlatformResponse call(PlatformRequest request) {
        String body;
        try {
            body = rest.post().uri(url)
                    .contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.APPLICATION_JSON)
                    .body(PlatformJson.write(request))
                    .retrieve()
                    .body(String.class);
        } catch (RestClientResponseException e) {
            // some platforms send the -1 envelope with an HTTP error status
            body = e.getResponseBodyAsString();
            if (!looksLikeEnvelope(body)) {
                throw new PlatformTimeoutException(request.msgid(), request.infno(), request.infno() + " "
                        + request.msgid() + ": HTTP " + e.getStatusCode().value() + " without an answer", e);
            }
        } catch (ResourceAccessException e) {
            if (notSent(e)) {
                throw new PlatformUnavailableException(request.msgid(), request.infno() + " " + request.msgid()
                        + " could not be sent to " + url + ": " + e.getMessage(), e);
            }
            throw new PlatformTimeoutException(request.msgid(), request.infno(), request.infno() + " "
                    + request.msgid() + ": no answer from " + url + " within " + timeoutMillis + " ms", e);
        }
        if (!looksLikeEnvelope(body)) {
            throw new PlatformTimeoutException(request.msgid(), request.infno(), "empty answer to " + request.msgid());
        }
        return PlatformJson.read(body, PlatformResponse.class);
    }

    private static boolean looksLikeEnvelope(String body) {
        return body != null && body.contains("\"infcode\"");
    }

    private static boolean notSent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof HttpConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
