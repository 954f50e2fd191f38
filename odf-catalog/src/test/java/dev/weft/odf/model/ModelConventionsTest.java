package dev.weft.odf.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The conventions other modules rely on: kind names, absent versus empty, immutability, enum names. */
class ModelConventionsTest {
    @Test
    void unionVariantsReportTheirOdfKind() {
        assertThat(new DisablePollingSource().kind()).isEqualTo("DisablePollingSource");
        assertThat(new ReadStep.NdGeoJson(null, null).kind()).isEqualTo("NdGeoJson");
        assertThat(new DataType.String().kind()).isEqualTo("String");
        assertThat(new DataType.UInt64().kind()).isEqualTo("UInt64");
        assertThat(new FetchStep.EthereumLogs(null, null, null, null).kind()).isEqualTo("EthereumLogs");
        assertThat(new MergeStrategy.ChangelogStream(List.of("k")).kind()).isEqualTo("ChangelogStream");
        assertThat(new EventTimeSource.FromSystemTime().kind()).isEqualTo("FromSystemTime");
        assertThat(new SourceCaching.Forever().kind()).isEqualTo("Forever");
        assertThat(new Attachments.Embedded(List.of()).kind()).isEqualTo("Embedded");
        assertThat(new PrepStep.Pipe(List.of("cat")).kind()).isEqualTo("Pipe");
        assertThat(new Transform.Sql("datafusion", null, null, null, null).kind()).isEqualTo("Sql");
    }

    @Test
    void absentAndEmptyListsStayDistinct() {
        final SetInfo absent = new SetInfo(null, null);
        final SetInfo empty = new SetInfo(null, List.of());

        assertThat(absent.keywords()).isNull();
        assertThat(empty.keywords()).isEmpty();
        assertThat(absent).isNotEqualTo(empty);
    }

    @Test
    void listsAreCopiedAndImmutable() {
        final List<String> keywords = new ArrayList<>(List.of("a"));
        final SetInfo info = new SetInfo("d", keywords);
        keywords.add("b");

        assertThat(info.keywords()).containsExactly("a");
        assertThatThrownBy(() -> info.keywords().add("c")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void requiredComponentsAreChecked() {
        assertThatThrownBy(() -> new DataField("a", null, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("type");
        assertThatThrownBy(() -> new MergeStrategy.Ledger(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void rawArrowSchemaComparesByContent() {
        final byte[] bytes = {1, 2, 3};
        final RawArrowSchema schema = RawArrowSchema.of(bytes);
        bytes[0] = 9;

        assertThat(schema).isEqualTo(RawArrowSchema.of(new byte[] {1, 2, 3}));
        assertThat(schema.bytes()).containsExactly(1, 2, 3);
    }

    @Test
    void enumsFollowTheSchemaOrderAndOdfNames() {
        assertThat(TimeUnit.MILLISECOND.ordinal()).isEqualTo(1);
        assertThat(TimeUnit.MILLISECOND.odfName()).isEqualTo("Millisecond");
        assertThat(SourceOrdering.fromOdfName("ByEventTime")).isEqualTo(SourceOrdering.BY_EVENT_TIME);
        assertThat(MqttQos.fromOdfName("exactlyonce")).isEqualTo(MqttQos.EXACTLY_ONCE);
        assertThat(DatasetKind.DERIVATIVE.odfName()).isEqualTo("Derivative");
        assertThat(CompressionFormat.fromOdfName("Zip")).isEqualTo(CompressionFormat.ZIP);
        assertThat(OperationType.fromCode(2)).isEqualTo(OperationType.CORRECT_FROM);
        assertThat(OperationType.CORRECT_TO.code()).isEqualTo(3);
        assertThat(OperationType.fromOdfName("Retract").code()).isEqualTo(1);
        assertThatThrownBy(() -> DatasetKind.fromOdfName("Leaf"))
                .hasMessage("unknown DatasetKind 'Leaf', expected one of Root, Derivative");
    }

    @Test
    void vocabularyDefaultsFillAbsentNames() {
        assertThat(new SetVocab(null, "operation", null, null).toVocabulary().withDefaults())
                .isEqualTo(new DatasetVocabulary("offset", "operation", "system_time", "event_time"));
    }
}
