package dev.weft.odf.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class DatasetNameProperties {
    @Property
    void namesFollowingTheGrammarAreAcceptedAndEqualToTheirCaseVariants(@ForAll("names") String name) {
        final DatasetName parsed = DatasetName.of(name);
        assertThat(parsed.value()).isEqualTo(name);
        assertThat(DatasetName.of(name.toUpperCase(Locale.ROOT))).isEqualTo(parsed);
        assertThat(DatasetName.of(name.toLowerCase(Locale.ROOT))).isEqualTo(parsed).hasSameHashCodeAs(parsed);
    }

    @Property
    void aForeignCharacterAnywhereMakesANameInvalid(
            @ForAll("names") String name, @ForAll("foreign") char foreign, @ForAll("positions") int where) {
        final int at = where % (name.length() + 1);
        final String broken = name.substring(0, at) + foreign + name.substring(at);
        assertThat(DatasetName.isValid(broken)).isFalse();
    }

    @Provide
    Arbitrary<String> names() {
        final Arbitrary<String> word = Arbitraries.strings()
                .withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
                .ofMinLength(1).ofMaxLength(6);
        final Arbitrary<String> subdomain = word.list().ofMinSize(1).ofMaxSize(3).map(w -> String.join("-", w));
        return subdomain.list().ofMinSize(1).ofMaxSize(4).map(s -> String.join(".", s));
    }

    @Provide
    Arbitrary<Character> foreign() {
        return Arbitraries.of('_', ' ', '/', ':', '@', '\u00e9', '\n', '*', '\\');
    }

    @Provide
    Arbitrary<Integer> positions() {
        return Arbitraries.integers().between(0, 1000);
    }
}
