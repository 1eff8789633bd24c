package io.insurebridge.platform;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The national platform's request envelope (docs/national-platform.md), field names exactly as on the wire.
 * {@code input} holds the transaction's named nodes (data, mdtrtinfo, diseinfo[], feedetail[], ...).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PlatformRequest(String infno, String msgid, String mdtrtarea_admvs, String insuplc_admdvs,
                              String recer_sys_code, String dev_no, String dev_safe_info, String cainfo,
                              String signtype, String infver, String opter_type, String opter, String opter_name,
                              String inf_time, String fixmedins_code, String fixmedins_name, String sign_no,
                              ObjectNode input) {}
