package io.insurebridge.platform.gateway;

import java.util.List;

import io.insurebridge.model.SettleMode;
import io.insurebridge.platform.FeeResult;
import io.insurebridge.platform.FundPayment;
import io.insurebridge.platform.SettlementInfo;

/**
 * What the HIS learns from a charge message: the platform's classification of every fee line (2204 result[]) and,
 * for PRE_SETTLE / SETTLE, the settlement figures (setlinfo, setldetail[]). setlinfo is null after UPLOAD_ONLY.
 */
public record ChargeResult(String mdtrtId, SettleMode settleMode, List<FeeResult> fees, SettlementInfo setlinfo,
                           List<FundPayment> setldetail, String warnMsg) {}
