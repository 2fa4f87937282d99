package com.sizemotion.incidents.command.oncall;

import com.sizemotion.incidents.api.oncall.OnCallLayer;
import com.sizemotion.incidents.command.oncall.OnCallTimeline.LayerSet;
import com.sizemotion.incidents.command.oncall.OnCallTimeline.OverrideWindow;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Who is on call on a schedule at an instant: an override in force wins (the one added last, where
 * several overlap); otherwise the last layer in the list that has somebody on call then (see
 * {@link Rotation} for the shift arithmetic); otherwise nobody. Pure: no clock, no database.
 */
public final class OnCallResolver {

    private OnCallResolver() {
    }

    public static OnCallAnswer resolve(OnCallTimeline schedule, Instant at) {
        List<OverrideWindow> overrides = schedule.overrides();
        for (int i = overrides.size() - 1; i >= 0; i--) {
            OverrideWindow override = overrides.get(i);
            if (override.covers(at)) {
                Instant preempted = firstOverrideAfter(at, overrides.subList(i + 1, overrides.size()));
                return new OnCallAnswer(override.userId(), null, override.id(), earliest(override.until(), preempted));
            }
        }
        int set = layerSetAt(schedule.layerSets(), at);
        Instant changes = earliest(firstOverrideAfter(at, overrides), nextLayerSetFrom(schedule.layerSets(), set));
        List<Rotation> rotations = schedule.layerSets().get(set).layers().stream()
                .map(layer -> new Rotation(layer, schedule.zone())).toList();
        List<OnCallLayer> layers = schedule.layerSets().get(set).layers();
        for (int i = rotations.size() - 1; i >= 0; i--) {
            Optional<Rotation.Shift> shift = rotations.get(i).shiftAt(at);
            if (shift.isPresent()) {
                Instant preempted = firstLayerStartAfter(at, layers.subList(i + 1, layers.size()));
                return new OnCallAnswer(shift.get().userId(), layers.get(i).name(), null,
                        earliest(shift.get().end(), earliest(preempted, changes)));
            }
        }
        return OnCallAnswer.nobody(earliest(firstLayerStartAfter(at, layers), changes));
    }

    private static int layerSetAt(List<LayerSet> sets, Instant at) {
        int set = 0;
        while (set + 1 < sets.size() && !sets.get(set + 1).from().isAfter(at)) {
            set++;
        }
        return set;
    }

    private static Instant nextLayerSetFrom(List<LayerSet> sets, int current) {
        return current + 1 < sets.size() ? sets.get(current + 1).from() : null;
    }

    private static Instant firstOverrideAfter(Instant at, List<OverrideWindow> overrides) {
        return first(overrides.stream().filter(o -> o.beginsAfter(at)).map(OverrideWindow::from));
    }

    /** When the first of these layers that has users starts, if that is after {@code at}. */
    private static Instant firstLayerStartAfter(Instant at, List<OnCallLayer> layers) {
        return first(layers.stream().filter(l -> !l.userIds().isEmpty()).map(OnCallLayer::startsAt)
                .filter(start -> start.isAfter(at)));
    }

    private static Instant first(Stream<Instant> instants) {
        return instants.min(Instant::compareTo).orElse(null);
    }

    /** The earlier of two instants, {@code null} standing for "never". */
    private static Instant earliest(Instant a, Instant b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return a.isBefore(b) ? a : b;
    }
}
