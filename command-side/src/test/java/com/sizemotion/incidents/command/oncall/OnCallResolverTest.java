package com.sizemotion.incidents.command.oncall;

import com.sizemotion.incidents.api.oncall.OnCallLayer;
import com.sizemotion.incidents.command.oncall.OnCallTimeline.LayerSet;
import com.sizemotion.incidents.command.oncall.OnCallTimeline.OverrideWindow;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class OnCallResolverTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final long ALICE = 1;
    private static final long BOB = 2;
    private static final long CAROL = 3;
    private static final long DAVE = 9;

    @Nested
    class WeeklyRotation {

        private final OnCallTimeline schedule = schedule(BERLIN,
                layer("Primary", "P7D", "2026-11-02T09:00:00Z", ALICE, BOB, CAROL));

        @Test
        void handsOffEveryWeekInTurn() {
            assertOnCall(schedule, "2026-11-02T09:00:00Z", ALICE, "Primary", "2026-11-09T09:00:00Z");
            assertOnCall(schedule, "2026-11-09T08:59:59Z", ALICE, "Primary", "2026-11-09T09:00:00Z");
            assertOnCall(schedule, "2026-11-09T09:00:00Z", BOB, "Primary", "2026-11-16T09:00:00Z");
            assertOnCall(schedule, "2026-11-20T03:12:00Z", CAROL, "Primary", "2026-11-23T09:00:00Z");
            assertOnCall(schedule, "2026-11-23T09:00:00Z", ALICE, "Primary", "2026-11-30T09:00:00Z");
        }

        @Test
        void hasNobodyBeforeTheLayerStarts() {
            assertThat(resolve(schedule, "2026-11-02T08:59:59Z"))
                    .isEqualTo(OnCallAnswer.nobody(Instant.parse("2026-11-02T09:00:00Z")));
        }

        @Test
        void keepsTheLocalHandoffTimeWhenSummerTimeBegins() {
            // 10:00 in Berlin: 09:00Z in winter, 08:00Z from 28 March 2027 on
            assertOnCall(schedule, "2027-03-22T09:00:00Z", shiftUser(20), "Primary", "2027-03-29T08:00:00Z");
            assertOnCall(schedule, "2027-03-29T07:59:59Z", shiftUser(20), "Primary", "2027-03-29T08:00:00Z");
            assertOnCall(schedule, "2027-03-29T08:00:00Z", shiftUser(21), "Primary", "2027-04-05T08:00:00Z");
        }

        private long shiftUser(int shift) {
            return new long[]{ALICE, BOB, CAROL}[shift % 3];
        }
    }

    @Nested
    class DailyNineOClockHandoff {

        @Test
        void staysAtNineInBerlinWhenClocksGoForward() {
            OnCallTimeline schedule = schedule(BERLIN, layer("Daily", "P1D", "2027-03-26T08:00:00Z", ALICE, BOB));

            assertOnCall(schedule, "2027-03-27T08:00:00Z", BOB, "Daily", "2027-03-28T07:00:00Z");
            assertOnCall(schedule, "2027-03-28T06:59:59Z", BOB, "Daily", "2027-03-28T07:00:00Z");
            assertOnCall(schedule, "2027-03-28T07:00:00Z", ALICE, "Daily", "2027-03-29T07:00:00Z");
        }

        @Test
        void staysAtNineInBerlinWhenClocksGoBack() {
            OnCallTimeline schedule = schedule(BERLIN, layer("Daily", "P1D", "2026-10-23T07:00:00Z", ALICE, BOB));

            assertOnCall(schedule, "2026-10-24T07:00:00Z", BOB, "Daily", "2026-10-25T08:00:00Z");
            assertOnCall(schedule, "2026-10-25T07:59:59Z", BOB, "Daily", "2026-10-25T08:00:00Z");
            assertOnCall(schedule, "2026-10-25T08:00:00Z", ALICE, "Daily", "2026-10-26T08:00:00Z");
        }

        @Test
        void staysAtNineInNewYorkWhenClocksGoForward() {
            OnCallTimeline schedule = schedule(NEW_YORK, layer("Daily", "P1D", "2027-03-13T14:00:00Z", ALICE, BOB));

            assertOnCall(schedule, "2027-03-14T12:59:59Z", ALICE, "Daily", "2027-03-14T13:00:00Z");
            assertOnCall(schedule, "2027-03-14T13:00:00Z", BOB, "Daily", "2027-03-15T13:00:00Z");
        }

        @Test
        void staysAtNineInNewYorkWhenClocksGoBack() {
            OnCallTimeline schedule = schedule(NEW_YORK, layer("Daily", "P1D", "2026-10-31T13:00:00Z", ALICE, BOB));

            assertOnCall(schedule, "2026-11-01T13:59:59Z", ALICE, "Daily", "2026-11-01T14:00:00Z");
            assertOnCall(schedule, "2026-11-01T14:00:00Z", BOB, "Daily", "2026-11-02T14:00:00Z");
        }
    }

    @Nested
    class EightHourShifts {

        /** 09:00, 17:00 and 01:00 in Berlin, whatever the season. */
        private final OnCallTimeline schedule = schedule(BERLIN,
                layer("Follow the sun", "PT8H", "2027-03-27T08:00:00Z", ALICE, BOB, CAROL));

        @Test
        void keepTheirWallClockHandoffsWhenClocksGoForward() {
            assertOnCall(schedule, "2027-03-27T16:00:00Z", BOB, "Follow the sun", "2027-03-28T00:00:00Z");
            // the night shift from 01:00 CET to 09:00 CEST lasts seven hours
            assertOnCall(schedule, "2027-03-28T00:00:00Z", CAROL, "Follow the sun", "2027-03-28T07:00:00Z");
            assertOnCall(schedule, "2027-03-28T07:00:00Z", ALICE, "Follow the sun", "2027-03-28T15:00:00Z");
        }

        @Test
        void keepTheirWallClockHandoffsWhenClocksGoBack() {
            OnCallTimeline autumn = schedule(BERLIN, layer("Follow the sun", "PT8H", "2026-10-24T07:00:00Z", ALICE, BOB, CAROL));

            // the night shift from 01:00 CEST to 09:00 CET lasts nine hours
            assertOnCall(autumn, "2026-10-24T23:00:00Z", CAROL, "Follow the sun", "2026-10-25T08:00:00Z");
            assertOnCall(autumn, "2026-10-25T08:00:00Z", ALICE, "Follow the sun", "2026-10-25T16:00:00Z");
        }
    }

    @Nested
    class HandoffsAtTimesThatDoNotExistOrExistTwice {

        @Test
        void moveForwardByTheGapWhenTheLocalTimeIsSkipped() {
            // 02:30 does not exist in Berlin on 28 March 2027: the handoff is at 03:30 CEST (01:30Z)
            OnCallTimeline schedule = schedule(BERLIN, layer("Night", "P1D", "2027-03-27T01:30:00Z", ALICE, BOB));

            assertOnCall(schedule, "2027-03-28T01:29:59Z", ALICE, "Night", "2027-03-28T01:30:00Z");
            assertOnCall(schedule, "2027-03-28T01:30:00Z", BOB, "Night", "2027-03-29T00:30:00Z");
        }

        @Test
        void takeTheFirstOccurrenceWhenTheLocalTimeIsRepeated() {
            // 02:30 happens twice in Berlin on 25 October 2026: the handoff is at the first, 02:30 CEST (00:30Z)
            OnCallTimeline schedule = schedule(BERLIN, layer("Night", "P1D", "2026-10-24T00:30:00Z", ALICE, BOB));

            assertOnCall(schedule, "2026-10-25T00:29:59Z", ALICE, "Night", "2026-10-25T00:30:00Z");
            assertOnCall(schedule, "2026-10-25T00:30:00Z", BOB, "Night", "2026-10-26T01:30:00Z");
        }

        @Test
        void skipAShiftThatFallsEntirelyIntoTheGap() {
            // hourly handoffs at 02:00 and 03:00 are both 03:00 CEST on 28 March 2027: the 02:00 shift has no time
            OnCallTimeline schedule = schedule(BERLIN, layer("Hourly", "PT1H", "2027-03-28T00:00:00Z", ALICE, BOB, CAROL));

            assertOnCall(schedule, "2027-03-28T00:59:59Z", ALICE, "Hourly", "2027-03-28T01:00:00Z");
            assertOnCall(schedule, "2027-03-28T01:00:00Z", CAROL, "Hourly", "2027-03-28T02:00:00Z");
        }
    }

    @Nested
    class Layers {

        private final OnCallLayer weekly = layer("Weekly", "P7D", "2026-11-02T09:00:00Z", ALICE, BOB);
        private final OnCallLayer weekend = layer("Weekend cover", "P7D", "2026-11-07T09:00:00Z", CAROL);

        @Test
        void laterLayersTakePrecedenceOnceTheyStart() {
            OnCallTimeline schedule = schedule(BERLIN, weekly, weekend);

            assertOnCall(schedule, "2026-11-05T12:00:00Z", ALICE, "Weekly", "2026-11-07T09:00:00Z");
            assertOnCall(schedule, "2026-11-07T09:00:00Z", CAROL, "Weekend cover", "2026-11-14T09:00:00Z");
        }

        @Test
        void anEmptyLayerCoversNobody() {
            OnCallTimeline schedule = schedule(BERLIN, weekly, layer("Vacant", "P1D", "2026-11-01T00:00:00Z"));

            assertOnCall(schedule, "2026-11-05T12:00:00Z", ALICE, "Weekly", "2026-11-09T09:00:00Z");
        }

        @Test
        void onlyEmptyLayersMeanNobodyForever() {
            OnCallTimeline schedule = schedule(BERLIN, layer("Vacant", "P1D", "2026-11-01T00:00:00Z"));

            assertThat(resolve(schedule, "2026-11-05T12:00:00Z")).isEqualTo(OnCallAnswer.nobody(null));
        }

        @Test
        void newLayersApplyFromTheirChangeAndTheOldOnesBefore() {
            Instant changed = Instant.parse("2026-11-04T12:00:00Z");
            OnCallTimeline schedule = new OnCallTimeline(BERLIN, List.of(
                    new LayerSet(Instant.parse("2026-11-01T00:00:00Z"), List.of(weekly)),
                    new LayerSet(changed, List.of(layer("Daily", "P1D", "2026-11-02T09:00:00Z", CAROL, DAVE)))), List.of());

            assertOnCall(schedule, "2026-11-03T03:12:00Z", ALICE, "Weekly", "2026-11-04T12:00:00Z");
            assertOnCall(schedule, "2026-11-04T12:00:00Z", CAROL, "Daily", "2026-11-05T09:00:00Z");
        }
    }

    @Nested
    class Overrides {

        private final OnCallLayer daily = layer("Daily", "P1D", "2026-11-02T08:00:00Z", ALICE, BOB);

        @Test
        void winForTheirWholeWindowAcrossAShiftHandoff() {
            // the layer hands off from Alice to Bob at 08:00Z; Dave covers 07:00Z to 10:00Z
            OnCallTimeline schedule = schedule(BERLIN, List.of(daily),
                    override(7, DAVE, "2026-11-03T07:00:00Z", "2026-11-03T10:00:00Z"));

            assertOnCall(schedule, "2026-11-03T06:59:59Z", ALICE, "Daily", "2026-11-03T07:00:00Z");
            assertOverride(schedule, "2026-11-03T07:30:00Z", DAVE, 7, "2026-11-03T10:00:00Z");
            assertOverride(schedule, "2026-11-03T09:00:00Z", DAVE, 7, "2026-11-03T10:00:00Z");
        }

        @Test
        void handBackToTheLayerWhenTheyEnd() {
            OnCallTimeline schedule = schedule(BERLIN, List.of(daily),
                    override(7, DAVE, "2026-11-03T07:00:00Z", "2026-11-03T10:00:00Z"));

            assertOnCall(schedule, "2026-11-03T10:00:00Z", BOB, "Daily", "2026-11-04T08:00:00Z");
        }

        @Test
        void theOneAddedLastWinsWhereTheyOverlap() {
            OnCallTimeline schedule = schedule(BERLIN, List.of(daily),
                    override(7, DAVE, "2026-11-03T07:00:00Z", "2026-11-03T12:00:00Z"),
                    override(8, CAROL, "2026-11-03T09:00:00Z", "2026-11-03T10:00:00Z"));

            assertOverride(schedule, "2026-11-03T08:00:00Z", DAVE, 7, "2026-11-03T09:00:00Z");
            assertOverride(schedule, "2026-11-03T09:30:00Z", CAROL, 8, "2026-11-03T10:00:00Z");
            assertOverride(schedule, "2026-11-03T10:00:00Z", DAVE, 7, "2026-11-03T12:00:00Z");
        }

        @Test
        void endTheLayersAnswerWhenTheyBegin() {
            OnCallTimeline schedule = schedule(BERLIN, List.of(daily),
                    override(7, DAVE, "2026-11-03T07:00:00Z", "2026-11-03T10:00:00Z"));

            assertOnCall(schedule, "2026-11-02T20:00:00Z", ALICE, "Daily", "2026-11-03T07:00:00Z");
        }

        @Test
        void coverWhenNoLayerHasStarted() {
            OnCallTimeline schedule = schedule(BERLIN, List.of(daily),
                    override(7, DAVE, "2026-11-01T07:00:00Z", "2026-11-01T10:00:00Z"));

            assertOverride(schedule, "2026-11-01T08:00:00Z", DAVE, 7, "2026-11-01T10:00:00Z");
            assertThat(resolve(schedule, "2026-11-01T10:00:00Z"))
                    .isEqualTo(OnCallAnswer.nobody(Instant.parse("2026-11-02T08:00:00Z")));
        }

        @Test
        void countOnlyFromWhenTheyWereMadeAndUntilTheyWereRemoved() {
            OverrideWindow madeLate = OverrideWindow.of(7, DAVE, Instant.parse("2026-11-03T07:00:00Z"),
                    Instant.parse("2026-11-03T12:00:00Z"), Instant.parse("2026-11-03T08:00:00Z"),
                    Instant.parse("2026-11-03T11:00:00Z"));
            OnCallTimeline schedule = schedule(BERLIN, List.of(daily), madeLate);

            assertOnCall(schedule, "2026-11-03T07:30:00Z", ALICE, "Daily", "2026-11-03T08:00:00Z");
            assertOverride(schedule, "2026-11-03T08:00:00Z", DAVE, 7, "2026-11-03T11:00:00Z");
            assertOnCall(schedule, "2026-11-03T11:00:00Z", BOB, "Daily", "2026-11-04T08:00:00Z");
        }
    }

    @Test
    void answersFarInTheFutureWithoutWalkingEveryShift() {
        OnCallTimeline schedule = schedule(ZoneId.of("UTC"), layer("Hourly", "PT1H", "2026-01-01T00:00:00Z", ALICE, BOB, CAROL));
        Instant century = Instant.parse("2126-01-01T00:30:00Z");
        long shifts = Duration.between(Instant.parse("2026-01-01T00:00:00Z"), century).toHours();

        long started = System.nanoTime();
        OnCallAnswer answer = resolve(schedule, century.toString());

        assertThat(answer.userId()).isEqualTo(new long[]{ALICE, BOB, CAROL}[(int) (shifts % 3)]);
        assertThat(answer.shiftEndsAt()).isEqualTo(Instant.parse("2126-01-01T01:00:00Z"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(200));
    }

    /** The constant-time arithmetic agrees with walking the handoffs one by one, through two years of DST changes. */
    @Test
    void agreesWithWalkingTheHandoffsOneByOne() {
        for (String length : List.of("PT1H", "PT8H", "PT5H", "P1D", "P1DT12H", "P7D")) {
            for (String start : List.of("2026-03-28T23:30:00Z", "2026-10-24T22:00:00Z", "2026-06-01T07:00:00Z")) {
                for (ZoneId zone : List.of(BERLIN, NEW_YORK)) {
                    OnCallLayer layer = layer("L", length, start, ALICE, BOB, CAROL);
                    List<Instant> handoffs = walkHandoffs(layer, zone, Instant.parse("2028-06-01T00:00:00Z"));
                    Random random = new Random(length.hashCode() ^ start.hashCode() ^ zone.hashCode());
                    for (int sample = 0; sample < 300; sample++) {
                        int k = random.nextInt(handoffs.size() - 1);
                        Instant from = handoffs.get(k);
                        Instant until = handoffs.get(k + 1);
                        if (!from.isBefore(until)) {
                            continue;
                        }
                        Instant at = from.plusSeconds((long) (random.nextDouble() * Duration.between(from, until).getSeconds()));
                        OnCallAnswer answer = OnCallResolver.resolve(schedule(zone, layer), at);
                        assertThat(answer.userId()).as("%s %s %s at %s", length, start, zone, at)
                                .isEqualTo(layer.userIds().get(k % 3));
                        assertThat(answer.shiftEndsAt()).as("%s %s %s at %s", length, start, zone, at).isEqualTo(until);
                    }
                }
            }
        }
    }

    /** The definition, step by step: each handoff is one shift length after the previous one on the wall clock, earlier offset. */
    private static List<Instant> walkHandoffs(OnCallLayer layer, ZoneId zone, Instant until) {
        Duration length = ShiftLength.of(layer.shiftLength()).wallClock();
        LocalDateTime local = LocalDateTime.ofInstant(layer.startsAt(), zone);
        List<Instant> handoffs = new ArrayList<>(List.of(layer.startsAt()));
        while (handoffs.get(handoffs.size() - 1).isBefore(until)) {
            local = local.plus(length);
            handoffs.add(ZonedDateTime.ofLocal(local, zone, null).toInstant());
        }
        return handoffs;
    }

    private static OnCallLayer layer(String name, String shiftLength, String startsAt, Long... userIds) {
        return new OnCallLayer(name, List.of(userIds), shiftLength, Instant.parse(startsAt));
    }

    private static OnCallTimeline schedule(ZoneId zone, OnCallLayer... layers) {
        return schedule(zone, List.of(layers));
    }

    private static OnCallTimeline schedule(ZoneId zone, List<OnCallLayer> layers, OverrideWindow... overrides) {
        return new OnCallTimeline(zone, List.of(new LayerSet(Instant.parse("2026-01-01T00:00:00Z"), layers)), List.of(overrides));
    }

    /** An override made long before it begins and never removed. */
    private static OverrideWindow override(long id, long userId, String startsAt, String endsAt) {
        return OverrideWindow.of(id, userId, Instant.parse(startsAt), Instant.parse(endsAt),
                Instant.parse("2026-01-01T00:00:00Z"), null);
    }

    private static OnCallAnswer resolve(OnCallTimeline schedule, String at) {
        return OnCallResolver.resolve(schedule, Instant.parse(at));
    }

    private static void assertOnCall(OnCallTimeline schedule, String at, long userId, String layer, String shiftEndsAt) {
        assertThat(resolve(schedule, at)).isEqualTo(new OnCallAnswer(userId, layer, null, Instant.parse(shiftEndsAt)));
    }

    private static void assertOverride(OnCallTimeline schedule, String at, long userId, long overrideId, String endsAt) {
        assertThat(resolve(schedule, at)).isEqualTo(new OnCallAnswer(userId, null, overrideId, Instant.parse(endsAt)));
    }
}
