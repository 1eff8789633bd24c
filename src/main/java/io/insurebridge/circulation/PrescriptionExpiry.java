package io.insurebridge.circulation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/** The scheduled check that closes prescriptions past their validity days. */
public class PrescriptionExpiry {

    private static final Logger log = LoggerFactory.getLogger(PrescriptionExpiry.class);
    private final PrescriptionCirculation circulation;

    public PrescriptionExpiry(PrescriptionCirculation circulation) {
        this.circulation = circulation;
    }

    @Scheduled(fixedDelayString = "${insurebridge.circulation.expiry-check-millis:60000}", initialDelay = 30_000)
    public void expireDue() {
        int n = circulation.expireDue();
        if (n > 0) {
            log.info("{} prescription(s) expired", n);
        }
    }
}
