// Type declarations for server.mjs (the HighLevel API v2 test double).
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string | string[] | undefined>;
  body: any;
  status: number;
  at: number;
}
export interface RateLimitOptions { max?: number; intervalMs?: number; daily?: number }
export interface HighLevelDoubleOptions {
  port?: number;
  tokens?: Record<string, { locationId?: string; companyId?: string; userId?: string }>;
  rateLimit?: RateLimitOptions | false;
  oauthClients?: Record<string, { secret: string; locationId: string; companyId?: string; userId?: string; scope?: string }>;
  latencyMs?: number;
}
export interface HighLevelStore {
  contacts: Map<string, any>;
  tasks: Map<string, any>;
  notes: Map<string, any>;
  customFields: Map<string, any[]>;
  users: Map<string, any[]>;
  locations: Map<string, any>;
  campaigns: Map<string, Map<string, { campaignId: string; addedAt: string }>>;
  workflows: Map<string, Map<string, { workflowId: string; addedAt: string; eventStartTime?: string }>>;
  appointments: Map<string, any>;
  businesses: Map<string, any>;
  deletedContactIds: Set<string>;
  seq: number;
}
export interface HighLevelStats { requests: number; rateLimited: number; maxInWindow: number; byRoute: Record<string, number> }
export interface HighLevelDouble {
  url: string;
  port: number;
  store: HighLevelStore;
  requests: RecordedRequest[];
  routes: { operationId: string; method: string; path: string; version: string | null }[];
  close(): Promise<void>;
  seedContacts(locationId: string, n: number, overrides?: Record<string, any> | ((i: number) => Record<string, any>)): any[];
  addCustomField(locationId: string, def: { name: string; fieldKey?: string; dataType: string; picklistOptions?: string[]; model?: string; placeholder?: string; id?: string }): any;
  addUser(locationId: string, user: { firstName: string; lastName: string; email: string; id?: string; role?: string }): any;
  failNext(n: number, status: number, body?: any): void;
  setRateLimit(opts: RateLimitOptions | false): void;
  setLatency(ms: number): void;
  issueOAuthTokens(clientId: string): { access_token: string; refresh_token: string };
  expireAccessToken(token: string): boolean;
  reset(): void;
  stats(): HighLevelStats;
}
export function startHighLevelDouble(options?: HighLevelDoubleOptions): Promise<HighLevelDouble>;
