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
  /** `type: 'Company'` (or no locationId) = agency token (Agency-Access); otherwise a sub-account (Location) token. */
  tokens?: Record<string, { locationId?: string; companyId?: string; userId?: string; type?: 'Location' | 'Company' }>;
  rateLimit?: RateLimitOptions | false;
  /** `userType: 'Company'` clients issue agency tokens (response has companyId, no locationId). */
  oauthClients?: Record<
    string,
    {
      secret: string;
      locationId?: string;
      companyId?: string;
      userId?: string;
      scope?: string;
      userType?: 'Location' | 'Company';
      /** The app of the client; default: the client ID up to its first dash (`<appId>-<suffix>`). */
      appId?: string;
      /** Agency apps: the sub-accounts of `companyId` the app is installed in (created when missing). */
      installedLocations?: string[];
      installToFutureLocations?: boolean;
    }
  >;
  /** Lifetime of the sub-account tokens of `POST /oauth/locationToken` (default 86399 s). */
  locationTokenTtlSeconds?: number;
  latencyMs?: number;
  /** Serve HTTPS under `hostname` (e.g. services.leadconnectorhq.com resolved to 127.0.0.1 in a network namespace). */
  tls?: { key: string | Buffer; cert: string | Buffer; hostname: string };
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
  /** snapshot id → {id, name, type, companyId} */
  snapshots: Map<string, { id: string; name: string; type: string; companyId: string }>;
  /** push id → snapshot push (created by POST /locations/ with snapshotId, PUT /locations/{id} with snapshot, or addSnapshotPush) */
  snapshotPushes: Map<string, SnapshotPush>;
  snapshotShareLinks: Map<string, { id: string; shareLink: string; snapshotId: string; companyId: string; share_type: string; relationship_number?: string; share_location_id?: string }>;
  /** locationId → SaasLocationDto-like record */
  saasLocations: Map<string, SaasLocation>;
  /** locationId → location removed by DELETE /locations/{id} (with deleteTwilioAccount) */
  deletedLocations: Map<string, any>;
  seq: number;
}
export interface SnapshotPush {
  id: string;
  snapshotId: string;
  companyId: string;
  locationId: string;
  status: string;
  completed: string[];
  pending: string[];
  override: boolean;
  source: string;
  /** ISO timestamp (the API renders it as "10/28/2022, 6:24:54 PM", UTC) */
  dateAdded: string;
}
export interface SaasLocation {
  locationId: string;
  companyId: string;
  customerId?: string;
  subscriptionId: string;
  saasMode?: string;
  isSaaSV2?: boolean;
  name?: string;
  email?: string;
  providerLocationId?: string;
  subscriptionInfo?: Record<string, any>;
}
export interface HighLevelStats { requests: number; rateLimited: number; maxInWindow: number; byRoute: Record<string, number> }
export interface HighLevelDouble {
  url: string;
  port: number;
  store: HighLevelStore;
  requests: RecordedRequest[];
  routes: { operationId: string; method: string; path: string; version: string | null; security: 'location' | 'agency' | 'any' | null }[];
  close(): Promise<void>;
  seedContacts(locationId: string, n: number, overrides?: Record<string, any> | ((i: number) => Record<string, any>)): any[];
  addCustomField(locationId: string, def: { name: string; fieldKey?: string; dataType: string; picklistOptions?: string[]; model?: string; placeholder?: string; id?: string }): any;
  addUser(locationId: string, user: { firstName: string; lastName: string; email: string; id?: string; role?: string }): any;
  /** Add (or update) a sub-account of an agency; `id` (or `locationId`) required, other fields as in GetLocationByIdSchema. */
  addLocation(companyId: string, location: { id?: string; locationId?: string; [k: string]: any }): any;
  addSnapshot(companyId: string, snapshot: { name: string; type?: 'own' | 'imported'; id?: string }): { id: string; name: string; type: string };
  addSnapshotPush(push: { companyId: string; snapshotId: string; locationId: string; status?: string; completed?: string[]; pending?: string[]; override?: boolean; dateAdded?: string; id?: string }): SnapshotPush;
  updateSnapshotPush(id: string, patch: Partial<Pick<SnapshotPush, 'status' | 'completed' | 'pending' | 'dateAdded'>>): SnapshotPush;
  /** Also creates the location (store.locations) for the company when missing. */
  addSaasLocation(companyId: string, saas: Omit<SaasLocation, 'companyId'>): SaasLocation;
  failNext(n: number, status: number, body?: any, headers?: Record<string, string>): void;
  setRateLimit(opts: RateLimitOptions | false): void;
  setLatency(ms: number): void;
  /** From now on, for `ms`, every API request is answered `status` (default 503) and nothing is processed. */
  outage(ms: number, status?: number): void;
  /** A new grant for the client, as /oauth/token gives; `fixed` names its tokens instead of random ones. */
  issueOAuthTokens(clientId: string, fixed?: { access_token?: string; refresh_token?: string }): { access_token: string; refresh_token: string };
  /** Marks an issued OAuth token (agency, sub-account or from /oauth/locationToken) expired: it is answered 401. */
  expireAccessToken(token: string): boolean;
  /** Installs the app in a sub-account (created in `location.companyId`, default company1, when missing). */
  installApp(appId: string, locationId: string, location?: { companyId?: string; name?: string; [k: string]: any }): void;
  uninstallApp(appId: string, locationId: string): boolean;
  reset(): void;
  stats(): HighLevelStats;
}
export function startHighLevelDouble(options?: HighLevelDoubleOptions): Promise<HighLevelDouble>;
