package org.iterwatch.e2e.telegram;

import java.util.List;
import java.util.Map;

/** Parameters and uploaded files of one request. */
record ParsedRequest(Map<String, String> params, List<UploadedFile> files) {
}
