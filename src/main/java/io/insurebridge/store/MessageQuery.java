package io.insurebridge.store;

import java.time.OffsetDateTime;

/** Filters of the message list; null means "any". */
public record MessageQuery(MessageStatus status, String messageType, String sender, String controlId,
                           OffsetDateTime from, OffsetDateTime to, int page, int size) {}
