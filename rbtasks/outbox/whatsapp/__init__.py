"""WhatsApp, the outbox's second channel: its configuration (settings), the
quiet hours, one message over HTTP (sender) and delivering claimed rows
(batch). Messages are queued through rbtasks.outbox.queue.enqueue like emails."""
