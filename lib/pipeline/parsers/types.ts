/** What a raw-line parser extracts; it only fills fields the sender left empty. */
export interface ParsedFields {
  module?: string;
  dataset?: string;
  category?: string[];
  action?: string;
  outcome?: "success" | "failure" | "unknown";
  timestamp?: string;
  sourceIp?: string;
  sourcePort?: number;
  userName?: string;
  hostName?: string;
  urlOriginal?: string;
  httpMethod?: string;
  httpStatus?: number;
  userAgent?: string;
}
