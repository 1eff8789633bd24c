package io.insurebridge.security.masking;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.StringHttpMessageConverter;
import org.springframework.http.converter.json.AbstractJackson2HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Every /api answer goes out masked ({@link PersonalDataView}) unless the caller holds the personal-data right:
 * one place for all controllers (messages with their raw HL7 / FHIR, dead letters, prescriptions, registry, ...),
 * so a new endpoint cannot forget it.
 */
@ControllerAdvice
public class MaskingResponseAdvice implements ResponseBodyAdvice<Object> {

    private final PersonalDataView view;

    public MaskingResponseAdvice(ObjectMapper json) {
        this.view = new PersonalDataView(json.copy());
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return AbstractJackson2HttpMessageConverter.class.isAssignableFrom(converterType)
                || StringHttpMessageConverter.class.isAssignableFrom(converterType);
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        String path = request.getURI().getPath();
        if (body == null || !path.startsWith("/api/") || PersonalDataAccess.granted()
                || returnType.hasMethodAnnotation(Unmasked.class)) {
            return body;
        }
        if (StringHttpMessageConverter.class.isAssignableFrom(converterType)) {
            return body instanceof String s ? view.text(s) : body;
        }
        return view.mask(body);
    }
}
