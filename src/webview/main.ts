// The Events webview's entry point (browser bundle). It imports src/protocol only; the event
// stream UI lands with the event-stream issue.
export {};
