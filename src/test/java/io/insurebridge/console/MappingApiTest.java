package io.insurebridge.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.insurebridge.mapping.CodeFormats;
import io.insurebridge.mapping.HeldMessageReprocessor;
import io.insurebridge.mapping.MappingApiFixtures;
import io.insurebridge.mapping.MappingGapStore;
import io.insurebridge.mapping.MappingLoader;
import io.insurebridge.mapping.MappingRepository;
import io.insurebridge.mapping.ReprocessOutcome;
import io.insurebridge.mapping.UnmappedCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** The two mapping controllers over a real repository (temp dir) and a real gap store (H2 + Flyway). */
class MappingApiTest {
    @TempDir
    Path dir;

    private MappingApiFixtures fixtures;
    private MappingRepository repository;
    private MappingGapStore store;
    private final List<Long> reprocessed = new ArrayList<>();
    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        fixtures = new MappingApiFixtures(dir);
        repository = new MappingRepository(new MappingLoader(CodeFormats.defaults()), dir, Duration.ofSeconds(2),
                false, Clock.systemUTC());
        store = new MappingGapStore(fixtures.jdbc());
        // the test reprocessor maps the message again: released only when YP9999 maps now
        HeldMessageReprocessor reprocessor = messageId -> {
            reprocessed.add(messageId);
            return repository.current().resolveItem("H33010000001", "YP9999").isPresent()
                    ? new ReprocessOutcome(messageId, ReprocessOutcome.Status.REPROCESSED, "sent on")
                    : new ReprocessOutcome(messageId, ReprocessOutcome.Status.STILL_UNMAPPED, "YP9999");
        };
        StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("reprocessor", reprocessor));
        mvc = MockMvcBuilders.standaloneSetup(new MappingController(repository),
                new MappingGapController(store, repository, beans.getBeanProvider(HeldMessageReprocessor.class)))
                .build();
    }

    @AfterEach
    void tearDown() {
        fixtures.close();
    }

    @Test
    void mappingsEndpointShowsTheVersionInForceAndAFailedReload() throws Exception {
        mvc.perform(get("/api/mappings")).andExpect(status().isOk())
                .andExpect(jsonPath("$.counts.catalog").value(14))
                .andExpect(jsonPath("$.counts.crosswalk").value(17))
                .andExpect(jsonPath("$.checksum").value(repository.current().checksum()))
                .andExpect(jsonPath("$.files", hasSize(12)))
                .andExpect(jsonPath("$.loadedAt").exists())
                .andExpect(jsonPath("$.lastError").doesNotExist());

        Files.writeString(dir.resolve("doctors.csv"), "D330100000009,Dr. Nobody,H33010000099,5\n",
                StandardOpenOption.APPEND);
        mvc.perform(post("/api/mappings/reload")).andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.success").value(false))
                .andExpect(jsonPath("$.error.message", startsWith("doctors.csv:6: institution H33010000099")));
        mvc.perform(get("/api/mappings")).andExpect(status().isOk())
                .andExpect(jsonPath("$.lastError.file").value("doctors.csv"))
                .andExpect(jsonPath("$.lastError.line").value(6))
                .andExpect(jsonPath("$.lastAttemptAt").exists())
                .andExpect(jsonPath("$.counts.doctors").value(4));
    }

    @Test
    void gapIsListedThenResolvedByAReloadAndItsHeldMessagesReprocessed() throws Exception {
        long m1 = fixtures.message("DFT0002");
        long m2 = fixtures.message("DFT0003");
        UnmappedCode code = new UnmappedCode(UnmappedCode.Kind.ITEM, "YP9999", "FT1", 2, 7, "新进药品");
        store.record("H33010000001", m1, List.of(code));
        long gapId = store.record("H33010000001", m2, List.of(code)).get(0);

        mvc.perform(get("/api/mapping-gaps")).andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(1)))
                .andExpect(jsonPath("$[0].localCode").value("YP9999"))
                .andExpect(jsonPath("$[0].institutionCode").value("H33010000001"))
                .andExpect(jsonPath("$[0].kind").value("ITEM"))
                .andExpect(jsonPath("$[0].occurrences").value(2))
                .andExpect(jsonPath("$[0].heldMessageIds", hasSize(2)))
                .andExpect(jsonPath("$[0].firstSeen").exists())
                .andExpect(jsonPath("$[0].resolved").value(false));

        // still unmapped: reprocessing keeps both messages held
        mvc.perform(post("/api/mapping-gaps/" + gapId + "/reprocess")).andExpect(status().isOk())
                .andExpect(jsonPath("$.resolved").value(false))
                .andExpect(jsonPath("$.stillHeld", hasSize(2)));

        Files.writeString(dir.resolve("crosswalk.csv"), "H33010000001,YP9999,XN02BEA001A001000000004,101\n",
                StandardOpenOption.APPEND);
        assertThat(repository.reload().changed()).isTrue();

        mvc.perform(get("/api/mapping-gaps?resolved=true")).andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(1)))
                .andExpect(jsonPath("$[0].resolved").value(true))
                .andExpect(jsonPath("$[0].mapsTo").value("XN02BEA001A001000000004"));
        mvc.perform(post("/api/mapping-gaps/" + gapId + "/reprocess")).andExpect(status().isOk())
                .andExpect(jsonPath("$.resolved").value(true))
                .andExpect(jsonPath("$.outcomes[0].status").value("REPROCESSED"))
                .andExpect(jsonPath("$.stillHeld", hasSize(0)));
        assertThat(reprocessed).containsExactly(m1, m2, m1, m2);
        mvc.perform(post("/api/mapping-gaps/99999/reprocess")).andExpect(status().isNotFound());
    }

    @Test
    void reprocessWithoutAReprocessorInThisNodeIsRefused() throws Exception {
        long m1 = fixtures.message("DFT0004");
        long gapId = store.record("H33010000001", m1,
                List.of(new UnmappedCode(UnmappedCode.Kind.DIAGNOSIS, "X99.999x999", "DG1", 1, 3, null))).get(0);
        MockMvc withoutReprocessor = MockMvcBuilders.standaloneSetup(new MappingGapController(store, repository,
                new StaticListableBeanFactory().getBeanProvider(HeldMessageReprocessor.class))).build();
        withoutReprocessor.perform(post("/api/mapping-gaps/" + gapId + "/reprocess"))
                .andExpect(status().isServiceUnavailable());
        withoutReprocessor.perform(get("/api/mapping-gaps?kind=DIAGNOSIS")).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].localCode").value("X99.999x999"))
                .andExpect(jsonPath("$[0].heldMessageIds[0]").value(m1));
    }
}
