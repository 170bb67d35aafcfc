package com.campaignsender.serve;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;

/**
 * A list uploaded as the {@code file} field of a {@code multipart/form-data} body, read as it
 * arrives and handed on as a stream, by the upload endpoints only: they run after authentication,
 * and the servlet container parses no multipart body on its own
 * ({@code spring.servlet.multipart.enabled=false}), so no one without a credential can make the
 * service read one (SPEC section 19). The list's size is counted by {@link UploadedLists}.
 */
final class MultipartLists {

    static final String FIELD = "file";
    /** The fields a form may send before its file: the page's carry none, a client's a few. */
    private static final int MOST_FIELDS = 10;

    interface Reader {
        /** {@code fileName}: the part's own file name, as the uploader's side gave it, if it did. */
        UploadedLists.Result read(InputStream list, String fileName) throws IOException;
    }

    /** Thrown when the body is not readable as multipart, so no list could be found in it. */
    static final class Unreadable extends IOException {
        Unreadable(String message) {
            super(message);
        }
    }

    private MultipartLists() {
    }

    /** What {@code reader} made of the {@code file} field; empty when the body has none. */
    static Optional<UploadedLists.Result> read(HttpServletRequest request, Reader reader) throws IOException {
        JakartaServletFileUpload<DiskFileItem, DiskFileItemFactory> upload = new JakartaServletFileUpload<>();
        try {
            FileItemInputIterator items = upload.getItemIterator(request);
            for (int field = 0; field < MOST_FIELDS && items.hasNext(); field++) {
                FileItemInput item = items.next();
                if (FIELD.equals(item.getFieldName()) && !item.isFormField()) {
                    try (InputStream list = item.getInputStream()) {
                        return Optional.of(reader.read(list, item.getName()));
                    }
                }
            }
            return Optional.empty();
        }
        catch (FileUploadException ex) {
            throw new Unreadable("the body is not readable as multipart/form-data: " + ex.getMessage());
        }
    }
}
