package org.iterwatch.e2e.telegram;

import java.util.Arrays;
import java.util.Objects;

/**
 * A file the fake holds: an uploaded photo or document.
 *
 * @param kind         "photo" or "document"
 * @param fileId       the file_id Telegram handed out
 * @param fileUniqueId stable id of the content (equal bytes give equal ids)
 * @param filename     original file name (documents), may be null
 * @param mimeType     content type as uploaded, may be null
 * @param width        pixel width (photos), 0 otherwise
 * @param height       pixel height (photos), 0 otherwise
 */
public record MediaFile(String kind, String fileId, String fileUniqueId, String filename, String mimeType,
                        byte[] bytes, int width, int height) {

    public MediaFile {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public boolean sameContent(MediaFile other) {
        return other != null && kind.equals(other.kind) && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MediaFile m && kind.equals(m.kind) && fileId.equals(m.fileId)
                && Objects.equals(filename, m.filename) && Arrays.equals(bytes, m.bytes);
    }

    @Override
    public int hashCode() {
        return fileId.hashCode();
    }

    @Override
    public String toString() {
        return "MediaFile[" + kind + " " + fileId + " " + width + "x" + height + ", " + bytes.length + " bytes]";
    }
}
