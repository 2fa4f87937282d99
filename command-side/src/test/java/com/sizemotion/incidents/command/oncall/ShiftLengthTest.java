package com.sizemotion.incidents.command.oncall;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ShiftLengthTest {

    @ParameterizedTest
    @CsvSource({"PT8H, PT8H", "P1D, PT24H", "P7D, PT168H", "P1W, PT168H", "p2w, PT336H", "P1DT12H, PT36H",
            "PT90M, PT1H30M", "PT1H, PT1H", " P7D , PT168H"})
    void readsIsoDurationsOfWeeksDaysHoursAndMinutes(String text, Duration wallClock) {
        assertThat(ShiftLength.parse(text)).contains(new ShiftLength(wallClock));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "P", "PT", "P1M", "P1Y", "PT59M", "PT0S", "P0D", "-P1D", "8h", "P1.5D", "P1DT", "1 day"})
    void refusesWhatIsNoShiftLength(String text) {
        assertThat(ShiftLength.parse(text)).isEmpty();
    }
}
