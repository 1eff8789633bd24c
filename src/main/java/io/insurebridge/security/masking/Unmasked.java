package io.insurebridge.security.masking;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An /api answer whose personal value is the very thing asked for (an issued e-voucher token handed to the
 * patient's phone): {@link MaskingResponseAdvice} leaves it as it is. Use it nowhere else.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Unmasked {
    /** Why this answer must go out unmasked. */
    String value();
}
