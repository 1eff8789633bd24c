package io.insurebridge.bench;

import io.insurebridge.inbound.hl7.MllpClient;

import java.nio.charset.StandardCharsets;

/**
 * The HL7 paths as load-generator sessions over one kept-open MLLP connection each. Every message has its own
 * control id (the front door recognises a resend by it) and every visit its own visit number.
 */
public final class Hl7Scenarios {

    private Hl7Scenarios() {}

    static String msh(String type, String controlId) {
        return "MSH|^~\\&|HIS|H33010000001|INSUREBRIDGE|NHSA|20261130100000||" + type + "|" + controlId
                + "|P|2.5.1||||||UNICODE UTF-8";
    }

    static String pv1(String visitNo) {
        return "PV1|1|O|NEI^^^^^^^^内科||||D330100000001^王医生||||||||||||" + visitNo;
    }

    /** ADT^A04 registration of one visit. */
    public static String registration(String controlId, String certno, String name, String visitNo) {
        return String.join("\r", msh("ADT^A04^ADT_A01", controlId), "EVN|A04|20261130100000",
                "PID|1||" + certno + "^^^^ID||" + name + "||19800115|M", pv1(visitNo),
                "ZIN|02|" + certno + "||||11") + "\r";
    }

    /** DFT^P03 with five fee lines (class A, B over its ceiling, self-pay) and the given settle mode. */
    public static String charges(String controlId, String certno, String name, String visitNo, String mode) {
        return String.join("\r", msh("DFT^P03^DFT_P03", controlId), "EVN|P03|20261130101000",
                "PID|1||" + certno + "^^^^ID||" + name + "||19800115|M", pv1(visitNo),
                "DG1|1||I10.x00x002^原发性高血压^ICD10||20261130|F|||||||||1",
                "FT1|1|||20261130101000||CG|ZL1001^普通门诊诊查费|||1|10.00|10.00",
                "FT1|2|||20261130101000||CG|YP0001^苯磺酸氨氯地平片|||2|57.00|28.50",
                "FT1|3|||20261130101000||CG|JY2001^血常规|||1|20.00|20.00",
                "FT1|4|||20261130101000||CG|YP0007^止咳糖浆|||1|15.00|15.00",
                "FT1|5|||20261130101000||CG|JC3001^CT|||1|220.00|220.00",
                "ZIN|02|" + certno + "||" + mode + "|1|11") + "\r";
    }

    /** MSA-1 of an ACK, or null. */
    static String ackCode(String ack) {
        int msa = ack.indexOf("MSA|");
        if (msa < 0 || ack.length() < msa + 6) {
            return null;
        }
        return ack.substring(msa + 4, msa + 6);
    }

    /** Path 1 and the baseline: one ADT^A04 per iteration, answered AA. */
    public static LoadGenerator.SessionFactory registrationsOnly(int port, String run, LatencyStats stats) {
        return worker -> {
            MllpClient client = new MllpClient("127.0.0.1", port, 60_000);
            return new LoadGenerator.Session() {
                @Override
                public void iterate(long n) throws Exception {
                    String message = registration(run + "-" + n, "330102198001150117", "张伟", "V" + run + "-" + n);
                    long t0 = System.nanoTime();
                    String ack = client.send(message, StandardCharsets.UTF_8);
                    stats.recordNanos(System.nanoTime() - t0);
                    if (!"AA".equals(ackCode(ack))) {
                        stats.error(firstLines(ack));
                    }
                }

                @Override
                public void close() throws Exception {
                    client.close();
                }
            };
        };
    }

    /**
     * Path 2: per iteration one visit of bench person (offset + n) mod persons: the registration A04 (1101 + 2201)
     * answered with ZIV, then DFT^P03 SETTLE (2203 + 2204 + 2207) answered with ZST.
     */
    public static LoadGenerator.SessionFactory outpatientSettlement(int port, String run, int persons, int offset,
                                                                    LatencyStats registrations,
                                                                    LatencyStats settlements) {
        return outpatientSettlement(new int[] {port}, run, persons, offset, registrations, settlements);
    }

    /** The same spread over several instances: worker w keeps its connection to {@code ports[w % ports.length]}. */
    public static LoadGenerator.SessionFactory outpatientSettlement(int[] ports, String run, int persons, int offset,
                                                                    LatencyStats registrations,
                                                                    LatencyStats settlements) {
        return worker -> {
            MllpClient client = new MllpClient("127.0.0.1", ports[worker % ports.length], 60_000);
            return new LoadGenerator.Session() {
                @Override
                public void iterate(long n) throws Exception {
                    BenchPersons.Person p = BenchPersons.person((int) ((offset + n) % persons));
                    String visitNo = "V" + run + "-" + n;
                    String name = "压测" + (offset + n) % persons;
                    long t0 = System.nanoTime();
                    String registered = client.send(registration(run + "-R" + n, p.certno(), name, visitNo),
                            StandardCharsets.UTF_8);
                    registrations.recordNanos(System.nanoTime() - t0);
                    if (!"AA".equals(ackCode(registered)) || !registered.contains("\rZIV|")) {
                        registrations.error(firstLines(registered));
                        return;
                    }
                    long t1 = System.nanoTime();
                    String settled = client.send(charges(run + "-S" + n, p.certno(), name, visitNo, "SETTLE"),
                            StandardCharsets.UTF_8);
                    settlements.recordNanos(System.nanoTime() - t1);
                    if (!"AA".equals(ackCode(settled)) || !settled.contains("|SETTLE")) {
                        settlements.error(firstLines(settled));
                    }
                }

                @Override
                public void close() throws Exception {
                    client.close();
                }
            };
        };
    }

    static String firstLines(String ack) {
        String oneLine = ack.replace('\r', ' ');
        return oneLine.length() > 300 ? oneLine.substring(0, 300) : oneLine;
    }
}
