export * from './engine';
export * from './credentials-helper';
export * from './additional-data';
export * from './node-types';
export * from './http-server';
export { BUILT_IN_CREDENTIAL_TYPES, OAuth1ApiStandIn, OAuth2ApiStandIn } from './base-credentials';
export * from './webhook';
export * from './poll';
