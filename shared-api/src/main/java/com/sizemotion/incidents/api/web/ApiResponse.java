package com.sizemotion.incidents.api.web;

/** The envelope of every successful answer of the HTTP API: {@code {"success":true,"data":…}}. */
public record ApiResponse<T>(boolean success, T data) {

    public static <T> ApiResponse<T> of(T data) {
        return new ApiResponse<>(true, data);
    }
}
