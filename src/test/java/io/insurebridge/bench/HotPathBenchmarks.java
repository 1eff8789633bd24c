package io.insurebridge.bench;

import ca.uhn.hl7v2.model.Message;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.insurebridge.inbound.hl7.Hl7Parser;
import io.insurebridge.mapping.CodeFormats;
import io.insurebridge.mapping.FieldConventions;
import io.insurebridge.mapping.Hl7Translator;
import io.insurebridge.mapping.InsuredPerson;
import io.insurebridge.mapping.MappingLoader;
import io.insurebridge.mapping.MappingSnapshot;
import io.insurebridge.mapping.MappingSource;
import io.insurebridge.model.Visit;
import io.insurebridge.platform.EnvelopeFactory;
import io.insurebridge.platform.FeeTotals;
import io.insurebridge.platform.PlatformJson;
import io.insurebridge.platform.PlatformProperties;
import io.insurebridge.platform.PlatformRequest;
import io.insurebridge.platform.TransactionInputs;
import io.insurebridge.settlement.policy.FeeDetailInput;
import io.insurebridge.settlement.policy.ItemClassification;
import io.insurebridge.settlement.policy.PolicyEngine;
import io.insurebridge.settlement.policy.VisitSettlement;
import io.insurebridge.settlement.policy.VisitTerms;
import io.insurebridge.settlement.policy.YearToDate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The per-message CPU work of the settlement path, one piece at a time, on the demo mappings and the bench's
 * five-line DFT^P03: HL7 parse, mapping to the internal model, the 2207 envelope, and the policy computation.
 * Run by {@link BenchMain} (short iterations for 2 cores).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HotPathBenchmarks {

    private static final String HOSPITAL = "H33010000001";
    private static final String PSN_NO = "33010000000000000001";

    private Hl7Parser parser;
    private Hl7Translator translator;
    private FieldConventions conventions;
    private EnvelopeFactory envelopes;
    private PolicyEngine policy;
    private MappingSnapshot snapshot;
    private String dft;
    private Message parsedDft;
    private Visit visit;
    private FeeTotals totals;
    private List<FeeDetailInput> feeLines;
    private InsuredPerson person;
    private YearToDate ytd;

    @Setup
    public void setUp() throws Exception {
        snapshot = new MappingLoader(CodeFormats.defaults()).load(Path.of("mappings"));
        MappingSource mappings = () -> snapshot;
        parser = new Hl7Parser();
        translator = new Hl7Translator(mappings, CodeFormats.defaults());
        conventions = FieldConventions.of(Map.of());
        AtomicLong seq = new AtomicLong();
        envelopes = new EnvelopeFactory(mappings, institution -> institution + "20261130120000"
                + String.format("%04d", seq.incrementAndGet() % 10_000), PlatformProperties.defaults(),
                Clock.systemUTC());
        policy = new PolicyEngine();
        dft = Hl7Scenarios.charges("JMH-1", "330102198001150117", "张伟", "V-JMH-1", "SETTLE");
        parsedDft = parser.parse(dft);
        visit = translator.translate(parsedDft, HOSPITAL, conventions).visit();
        totals = new FeeTotals(new BigDecimal("322.00"), new BigDecimal("15.00"), new BigDecimal("20.00"),
                new BigDecimal("20.00"), new BigDecimal("267.00"));
        feeLines = List.of(line("1", "1", "10.00"), line("2", "2", "28.50"), line("3", "1", "20.00"),
                line("4", "1", "15.00"), line("5", "1", "220.00"));
        person = snapshot.person(PSN_NO).orElseThrow();
        ytd = YearToDate.fresh(person.acctBalance());
    }

    private static FeeDetailInput line(String sn, String cnt, String pric) {
        BigDecimal c = new BigDecimal(cnt);
        BigDecimal p = new BigDecimal(pric);
        return new FeeDetailInput(sn, c.multiply(p), c, p);
    }

    @Benchmark
    public Message hl7Parse() throws Exception {
        return parser.parse(dft);
    }

    @Benchmark
    public Visit mapping() {
        return translator.translate(parsedDft, HOSPITAL, conventions).visit();
    }

    @Benchmark
    public String envelope2207() {
        ObjectNode input = TransactionInputs.settlement2207(visit, PSN_NO, "3301000000000001", "310", "B1", "01",
                totals);
        PlatformRequest request = envelopes.build("2207", HOSPITAL, "330100", visit.operator(), input);
        return PlatformJson.write(request);
    }

    @Benchmark
    public VisitSettlement policy() {
        String[] codes = {"110200001000000", "XC08CAA148A001000000001", "250101001000000",
                "XR05XXA999A001000000007", "210300001000000"};
        List<ItemClassification> items = new ArrayList<>(codes.length);
        for (int i = 0; i < codes.length; i++) {
            items.add(policy.classify(feeLines.get(i), snapshot.catalogItem(codes[i]).orElseThrow()));
        }
        VisitTerms terms = policy.terms(person, snapshot.policy("330100").orElseThrow(),
                snapshot.institution(HOSPITAL).orElseThrow(), "330100", "11", "I10.x00", false, false, "1");
        return policy.settle(terms, items, ytd);
    }
}
