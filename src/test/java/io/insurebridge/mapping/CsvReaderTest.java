package io.insurebridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    @Test
    void quotedFieldsKeepCommasQuotesAndLineBreaksAndRecordsKnowTheirPhysicalLine() {
        String text = "code,name\r\n"
                + "A,\"CT scan, one site\"\r\n"
                + "\n"
                + "B,\"say \"\"hi\"\"\"\n"
                + "C,\"two\nlines\"\n"
                + "D, spaced \n";
        List<CsvReader.Record> records = CsvReader.parse(text);
        assertThat(records).extracting(CsvReader.Record::line).containsExactly(1, 2, 4, 5, 7);
        assertThat(records.get(1).fields()).containsExactly("A", "CT scan, one site");
        assertThat(records.get(2).fields()).containsExactly("B", "say \"hi\"");
        assertThat(records.get(3).fields()).containsExactly("C", "two\nlines");
        assertThat(records.get(4).fields()).containsExactly("D", "spaced");
    }

    @Test
    void emptyTrailingFieldsAreKept() {
        assertThat(CsvReader.parse("a,b,\n").get(0).fields()).containsExactly("a", "b", "");
    }

    @Test
    void unterminatedQuoteNamesTheLineWhereTheRecordStarts() {
        assertThatThrownBy(() -> CsvReader.parse("h\nx\n\"open,\nstill open\n"))
                .isInstanceOfSatisfying(CsvReader.CsvSyntaxException.class, e -> assertThat(e.line).isEqualTo(3));
    }
}
