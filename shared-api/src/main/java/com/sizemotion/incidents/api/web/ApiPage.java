package com.sizemotion.incidents.api.web;

import java.util.List;

/**
 * A page of a list: {@code {"success":true,"data":[…],"meta":{"per_page","count","has_more","next_cursor"}}}.
 * The next page is asked for with {@code cursor=<next_cursor>}.
 */
public record ApiPage<T>(boolean success, List<T> data, Meta meta) {

    public record Meta(int perPage, int count, boolean hasMore, String nextCursor) {
    }

    public static <T> ApiPage<T> of(List<T> data, int perPage, String nextCursor) {
        return new ApiPage<>(true, data, new Meta(perPage, data.size(), nextCursor != null, nextCursor));
    }
}
