/**
 * How much a client may send, chosen rather than left to library defaults: each limit bounds what the server
 * reads and parses for one request or message, and each is tested just under and just over
 * (tests/integration/limits.test.ts).
 */
export const LIMITS = {
  /**
   * A JSON body, except an import: the largest the console sends is a staff form (a user, a review window),
   * well under 1 KB; 100 KB leaves room and bounds what even an anonymous client can make the server parse.
   */
  jsonBytes: 100 * 1024,
  /**
   * An import file (admin only, read only after the admin check): 10,000 sittings of 40 responses are 31 MB
   * (README, benchmark), so 64 MB takes a large school's whole exam period in one file.
   * A gzip-encoded upload is capped at this size once inflated.
   */
  importBytes: 64 * 1024 * 1024,
  /**
   * One Socket.IO message (`maxHttpBufferSize`): a kiosk sends a question id of at most 120 characters, a
   * console sends nothing. 64 KB still lets an oversized but plausible payload (a 50 KB junk field) reach the
   * validator and get its coded `invalid-input` ack, as the contract asks; a bigger message closes the
   * connection (the kiosk reconnects and resumes).
   */
  socketMessageBytes: 64 * 1024,
} as const;
