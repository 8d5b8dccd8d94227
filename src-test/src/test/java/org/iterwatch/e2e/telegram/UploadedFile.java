package org.iterwatch.e2e.telegram;

import java.util.Arrays;

/** One file part of a multipart request: its form field name, file name, content type and bytes. */
public record UploadedFile(String field, String filename, String contentType, byte[] bytes) {

    public UploadedFile {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UploadedFile f && field.equals(f.field) && java.util.Objects.equals(filename, f.filename)
                && java.util.Objects.equals(contentType, f.contentType) && Arrays.equals(bytes, f.bytes);
    }

    @Override
    public int hashCode() {
        return field.hashCode() * 31 + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "UploadedFile[" + field + ", " + filename + ", " + contentType + ", " + bytes.length + " bytes]";
    }
}
