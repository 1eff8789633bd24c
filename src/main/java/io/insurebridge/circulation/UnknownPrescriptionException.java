package io.insurebridge.circulation;

/** No prescription with this platform number was put into circulation here. */
public class UnknownPrescriptionException extends RuntimeException {
    public UnknownPrescriptionException(String hiRxno) {
        super("unknown prescription " + hiRxno);
    }
}
