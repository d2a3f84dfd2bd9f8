// The grammar-based detectors of the injection classes whose target is another language than
// SQL, HTML/JS or the shell: template engines, SSI, MongoDB queries, LDAP filters, mail and
// HTTP protocol lines, XML DTDs, serialization formats and JavaScript object paths. One list,
// registered in payloads/index.ts.
import type { PayloadDetector } from "../payloads/types.ts";
import { LDAP_INJECTION } from "./ldap/detector.ts";
import { HTTP_MESSAGE } from "./http/detector.ts";
import { HTTP_FRAMING } from "./http/framing.ts";
import { HTTP_PARAMETERS } from "./http/parameters.ts";
import { MAIL_LINES } from "./mail/detector.ts";
import { NOSQL_INJECTION } from "./nosql/detector.ts";
import { PROTOTYPE_POLLUTION } from "./prototype/detector.ts";
import { DESERIALIZATION } from "./serialized/detector.ts";
import { SERVER_SIDE_INCLUDES } from "./ssi/detector.ts";
import { TEMPLATE_INJECTION } from "./template/detector.ts";
import { XML_ENTITIES } from "./xml/detector.ts";

export const LANGUAGE_DETECTORS: readonly PayloadDetector[] = [
  ...TEMPLATE_INJECTION,
  ...SERVER_SIDE_INCLUDES,
  ...NOSQL_INJECTION,
  ...LDAP_INJECTION,
  ...HTTP_MESSAGE,
  ...HTTP_FRAMING,
  ...HTTP_PARAMETERS,
  ...MAIL_LINES,
  ...XML_ENTITIES,
  ...DESERIALIZATION,
  ...PROTOTYPE_POLLUTION,
];
