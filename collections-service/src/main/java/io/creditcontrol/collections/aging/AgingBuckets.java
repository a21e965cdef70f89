package io.creditcontrol.collections.aging;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The aging buckets of a report: "current" (not yet due, or due today), then one bucket per
 * configured boundary ("1-30", "31-60", "61-90") and the last, open-ended one ("90+").
 * An item is in the bucket of its days past due as of the report date.
 */
public record AgingBuckets(List<Integer> boundaries) {

    public AgingBuckets {
        if (boundaries.isEmpty()) {
            throw new IllegalArgumentException("at least one bucket boundary is needed");
        }
        for (int i = 0; i < boundaries.size(); i++) {
            if (boundaries.get(i) < 1 || (i > 0 && boundaries.get(i) <= boundaries.get(i - 1))) {
                throw new IllegalArgumentException("bucket boundaries must be positive and ascending: " + boundaries);
            }
        }
        boundaries = List.copyOf(boundaries);
    }

    public int size() {
        return boundaries.size() + 2;
    }

    public String label(int bucket) {
        if (bucket == 0) {
            return "current";
        }
        if (bucket == size() - 1) {
            return boundaries.get(boundaries.size() - 1) + "+";
        }
        int from = bucket == 1 ? 1 : boundaries.get(bucket - 2) + 1;
        return from + "-" + boundaries.get(bucket - 1);
    }

    /** The least days past due of a bucket (0 for current). */
    public int fromDays(int bucket) {
        return bucket == 0 ? 0 : bucket == 1 ? 1 : boundaries.get(bucket - 2) + 1;
    }

    /** The most days past due of a bucket; null for the open-ended last one. */
    public Integer toDays(int bucket) {
        return bucket == 0 ? Integer.valueOf(0) : bucket == size() - 1 ? null : boundaries.get(bucket - 1);
    }

    public int bucketOf(long daysPastDue) {
        if (daysPastDue <= 0) {
            return 0;
        }
        for (int i = 0; i < boundaries.size(); i++) {
            if (daysPastDue <= boundaries.get(i)) {
                return i + 1;
            }
        }
        return size() - 1;
    }

    /**
     * The earliest due date still in each bucket but the last, as of {@code asOf}: an item is
     * in bucket i when its due date is on or after cutoffs[i] (and before cutoffs[i-1]).
     */
    public List<LocalDate> dueDateCutoffs(LocalDate asOf) {
        List<LocalDate> cutoffs = new ArrayList<>();
        cutoffs.add(asOf);
        for (int boundary : boundaries) {
            cutoffs.add(asOf.minusDays(boundary));
        }
        return cutoffs;
    }
}
