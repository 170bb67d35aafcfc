package com.campaignsender.serve;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * A multipart upload over {@code campaign.server.upload-limit} is stopped while it is being read,
 * before any controller sees it: 413 with the reason, as JSON to the API and as the front page
 * to a browser. (A {@code text/csv} body is counted by {@link UploadedLists} itself.)
 */
@ControllerAdvice
@ServeOnly
class UploadLimitAdvice {

    private final ServerSettings settings;
    private final PageController page;

    UploadLimitAdvice(ServerSettings settings, PageController page) {
        this.settings = settings;
        this.page = page;
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<?> tooLarge(HttpServletRequest request) throws IOException {
        UploadedLists.TooLarge result = new UploadedLists.TooLarge(settings.uploadLimit());
        if (request.getRequestURI().startsWith("/api/")) {
            return ApiController.answer(result);
        }
        return page.index(request, result.status(), "The list was not taken: " + result.message() + ".", List.of());
    }
}
