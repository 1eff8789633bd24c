package io.insurebridge.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.insurebridge.security.masking.PersonalDataView;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The masked view of answers: platform JSON fields, nested texts, free text; what is not personal is kept. */
class PersonalDataViewTest {

    final PersonalDataView view = new PersonalDataView(new ObjectMapper());

    @Test
    void platformFieldsAndNestedTextsAreMasked() {
        Map<String, Object> setlinfo = new LinkedHashMap<>();
        setlinfo.put("psn_no", "33010000000000000001");
        setlinfo.put("psn_name", "欧阳娜娜");
        setlinfo.put("certno", "330102199203150028");
        setlinfo.put("tel", "13800001111");
        setlinfo.put("medfee_sumamt", 118.19);
        setlinfo.put("note", "patient 330102199203150028 called");
        setlinfo.put("ack", "MSH|^~\\&|IB|NHSA|HIS|H1|20261130||ACK|1|P|2.5.1\rMSA|AA|1\rZIV|330100|欧阳娜娜|310");
        Object masked = view.mask(Map.of("items", List.of(setlinfo), "connector", Map.of("name", "demo-hospital")));
        String json = masked.toString();
        assertThat(json).contains("\"psn_no\":\"33010000000000000001\"", "\"psn_name\":\"欧***\"",
                "\"certno\":\"330102********0028\"", "\"tel\":\"138****1111\"", "\"medfee_sumamt\":118.19",
                "patient 330102********0028 called", "ZIV|330100|欧***|310", "\"name\":\"demo-hospital\"");
        assertThat(json).doesNotContain("欧阳娜娜", "330102199203150028", "13800001111");
    }

    @Test
    void textsThatAreNotPersonalPassUnchanged() {
        assertThat(view.text("connector demo-hospital reloaded: 3 files")).isEqualTo("connector demo-hospital reloaded: 3 files");
        assertThat(view.text("setl_id S3301000000000002 mdtrt_id 3301000000000001"))
                .isEqualTo("setl_id S3301000000000002 mdtrt_id 3301000000000001");
    }
}
