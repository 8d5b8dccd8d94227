package org.iterwatch.monitor;

/** A drawn chart with its caption, ready to send; {@code contentHash} is what the message then shows. */
public record ChartPicture(byte[] png, String captionHtml, String contentHash) {
}
