// Types of the <cxzy-assessment> custom element (element.js).
import type { Assessment, ScoreResult } from "./index.js";

/** The documents every event carries. */
export interface CxzyChangeDetail {
  /** The assessment as it is now (cxzy/assessment@1, or @2 for a framework of version 2). */
  assessment: Assessment;
  /** Its result (cxzy/result@1 or @2), or null when it cannot be scored. */
  result: ScoreResult | null;
}

export declare class CxzyAssessment extends HTMLElement {
  /** The current assessment; setting it loads one (errors appear, located, in the element). */
  assessment: Assessment | null;
}

declare global {
  interface HTMLElementTagNameMap {
    "cxzy-assessment": CxzyAssessment;
  }
  interface HTMLElementEventMap {
    "cxzy-change": CustomEvent<CxzyChangeDetail>;
    "cxzy-complete": CustomEvent<CxzyChangeDetail>;
  }
}
