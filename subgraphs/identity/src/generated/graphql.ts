import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { Tenant as TenantModel, Tenant as BrandingModel } from './prisma/client.js';
import type { UserRecord } from '../repositories/user-repository.js';
import type { IdentityContext } from '../context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An instant, as an ISO 8601 string in UTC. */
  DateTime: { input: Date; output: Date; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** How the tenant's Tessera looks: used to white-label the dashboard. */
export type Branding = {
  __typename?: 'Branding';
  /** The name shown in the dashboard; defaults to the tenant's name. */
  displayName: Scalars['String']['output'];
  /** An https URL of the tenant's logo, if any. */
  logoUrl: Maybe<Scalars['String']['output']>;
  /** The primary color, as #rrggbb. */
  primaryColor: Scalars['String']['output'];
};

/** Input of login. */
export type LoginInput = {
  /** The user's email. */
  email: Scalars['String']['input'];
  /** The user's password. */
  password: Scalars['String']['input'];
};

/** Result of login. */
export type LoginPayload = {
  __typename?: 'LoginPayload';
  /** A bearer token; null when userErrors is not empty. */
  token: Maybe<Scalars['String']['output']>;
  /** The user who logged in. */
  user: Maybe<User>;
  /** Why the login was refused, if it was (INVALID_CREDENTIALS). */
  userErrors: Array<UserError>;
};

/** The key of a Tessera module, as used for entitlements. */
export type ModuleKey =
  /** Read models and live dashboards. */
  | 'ANALYTICS'
  /** Services, availability and appointments. */
  | 'BOOKING'
  /** Products, stock and orders. */
  | 'COMMERCE'
  /** Companies, contacts and deals. */
  | 'CRM'
  /** Vehicles, trips and costs. */
  | 'FLEET'
  /** Employees, departments and leave. */
  | 'HR'
  /** Invoices, payments and credit notes. */
  | 'INVOICING'
  /** Pay profiles, commissions and pay runs. */
  | 'PAYROLL'
  /** Registers, sessions and sales. */
  | 'POS'
  /** Projects, tasks and time entries. */
  | 'PROJECTS';

export type Mutation = {
  __typename?: 'Mutation';
  /** Signs a user in with email and password. */
  login: LoginPayload;
  /** Creates a tenant and its owner, and signs the owner in. */
  signUp: SignUpPayload;
  /** Changes the tenant's white-label branding. Owners and admins only. */
  updateBranding: UpdateBrandingPayload;
};


export type MutationLoginArgs = {
  input: LoginInput;
};


export type MutationSignUpArgs = {
  input: SignUpInput;
};


export type MutationUpdateBrandingArgs = {
  input: UpdateBrandingInput;
};

/** The subscription plan of a tenant. FREE enables CRM, INVOICING and BOOKING; BUSINESS enables every module. */
export type Plan =
  /** Business plan: every module. */
  | 'BUSINESS'
  /** Free plan: CRM, invoicing and booking. */
  | 'FREE';

export type Query = {
  __typename?: 'Query';
  /** The signed-in user. */
  me: User;
  /** The signed-in user's tenant. */
  tenant: Tenant;
  /** Internal: the caller's tenant access, used by the router. Not part of the public API. */
  tenantAccess: TenantAccess;
};

/** What a user may do within their tenant. */
export type Role =
  /** Manages the tenant's data and users. */
  | 'ADMIN'
  /** Works with the tenant's data. */
  | 'MEMBER'
  /** Created the tenant; may change plan, branding and users. */
  | 'OWNER';

/** Input of signUp. */
export type SignUpInput = {
  /** The business's name. */
  companyName: Scalars['String']['input'];
  /** The default ISO 4217 currency; USD when omitted. */
  defaultCurrency?: InputMaybe<Scalars['String']['input']>;
  /** The owner's email, used to log in. */
  email: Scalars['String']['input'];
  /** The owner's name. */
  name: Scalars['String']['input'];
  /** The owner's password: at least 10 characters. */
  password: Scalars['String']['input'];
  /** The plan; FREE when omitted. */
  plan?: InputMaybe<Plan>;
};

/** Result of signUp. */
export type SignUpPayload = {
  __typename?: 'SignUpPayload';
  /** The new tenant. */
  tenant: Maybe<Tenant>;
  /** A bearer token for the new owner; null when userErrors is not empty. */
  token: Maybe<Scalars['String']['output']>;
  /** The new owner. */
  user: Maybe<User>;
  /** Why the sign-up was refused, if it was. */
  userErrors: Array<UserError>;
};

/** A business using Tessera. Everything a user sees belongs to their tenant. */
export type Tenant = {
  __typename?: 'Tenant';
  /** White-label settings. */
  branding: Branding;
  /** When the tenant signed up. */
  createdAt: Scalars['DateTime']['output'];
  /** The default ISO 4217 currency for amounts. */
  defaultCurrency: Scalars['String']['output'];
  /** The modules this tenant may use. */
  enabledModules: Array<ModuleKey>;
  /** The tenant's id. */
  id: Scalars['ID']['output'];
  /** The business's name. */
  name: Scalars['String']['output'];
  /** The subscription plan. */
  plan: Plan;
};

/** Internal: what the router needs to authorise a request. Not part of the public API. */
export type TenantAccess = {
  __typename?: 'TenantAccess';
  /** The tenant's default currency. */
  defaultCurrency: Scalars['String']['output'];
  /** The modules enabled for the tenant. */
  enabledModules: Array<ModuleKey>;
  /** The tenant's plan. */
  plan: Plan;
  /** The user's current role. */
  role: Maybe<Role>;
  /** The tenant's id. */
  tenantId: Scalars['ID']['output'];
  /** Whether the user still exists and belongs to the tenant. */
  userActive: Scalars['Boolean']['output'];
};

/** Input of updateBranding. Omitted fields keep their value; null clears the logo. */
export type UpdateBrandingInput = {
  /** The name shown in the dashboard. */
  displayName?: InputMaybe<Scalars['String']['input']>;
  /** An https URL of the logo, or null to remove it. */
  logoUrl?: InputMaybe<Scalars['String']['input']>;
  /** The primary color, as #rrggbb. */
  primaryColor?: InputMaybe<Scalars['String']['input']>;
};

/** Result of updateBranding. */
export type UpdateBrandingPayload = {
  __typename?: 'UpdateBrandingPayload';
  /** The tenant with its new branding. */
  tenant: Maybe<Tenant>;
  /** Why the change was refused, if it was. */
  userErrors: Array<UserError>;
};

/** A person who signs in to a tenant. */
export type User = {
  __typename?: 'User';
  /** When the user was created. */
  createdAt: Scalars['DateTime']['output'];
  /** The user's email, lower-case; unique across Tessera. */
  email: Scalars['String']['output'];
  /** The user's id. */
  id: Scalars['ID']['output'];
  /** The user's display name. */
  name: Scalars['String']['output'];
  /** What the user may do. */
  role: Role;
  /** The tenant the user belongs to. */
  tenant: Tenant;
};

/** An expected failure of a mutation: the input is invalid or the state does not allow it. Nothing was changed. */
export type UserError = {
  __typename?: 'UserError';
  /** A stable machine-readable code, e.g. EMAIL_TAKEN. */
  code: Scalars['String']['output'];
  /** The path of the input field at fault, if one is. */
  field: Maybe<Array<Scalars['String']['output']>>;
  /** A human-readable message. */
  message: Scalars['String']['output'];
};

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = ResolversObject<{
  Tenant: Tenant;
  User: User;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Tenant:
    ( { __typename: 'Tenant' }
    & GraphQLRecursivePick<FederationTypes['Tenant'], {"id":true}> );
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  Branding: ResolverTypeWrapper<BrandingModel>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  LoginInput: LoginInput;
  LoginPayload: ResolverTypeWrapper<Omit<LoginPayload, 'user'> & { user?: Maybe<ResolversTypes['User']> }>;
  ModuleKey: ModuleKey;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Plan: Plan;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Role: Role;
  SignUpInput: SignUpInput;
  SignUpPayload: ResolverTypeWrapper<Omit<SignUpPayload, 'tenant' | 'user'> & { tenant?: Maybe<ResolversTypes['Tenant']>, user?: Maybe<ResolversTypes['User']> }>;
  Tenant: ResolverTypeWrapper<TenantModel>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  TenantAccess: ResolverTypeWrapper<TenantAccess>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  UpdateBrandingInput: UpdateBrandingInput;
  UpdateBrandingPayload: ResolverTypeWrapper<Omit<UpdateBrandingPayload, 'tenant'> & { tenant?: Maybe<ResolversTypes['Tenant']> }>;
  User: ResolverTypeWrapper<UserRecord>;
  UserError: ResolverTypeWrapper<UserError>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Branding: BrandingModel;
  String: Scalars['String']['output'];
  DateTime: Scalars['DateTime']['output'];
  LoginInput: LoginInput;
  LoginPayload: Omit<LoginPayload, 'user'> & { user?: Maybe<ResolversParentTypes['User']> };
  Mutation: Record<PropertyKey, never>;
  Query: Record<PropertyKey, never>;
  SignUpInput: SignUpInput;
  SignUpPayload: Omit<SignUpPayload, 'tenant' | 'user'> & { tenant?: Maybe<ResolversParentTypes['Tenant']>, user?: Maybe<ResolversParentTypes['User']> };
  Tenant: TenantModel;
  ID: Scalars['ID']['output'];
  TenantAccess: TenantAccess;
  Boolean: Scalars['Boolean']['output'];
  UpdateBrandingInput: UpdateBrandingInput;
  UpdateBrandingPayload: Omit<UpdateBrandingPayload, 'tenant'> & { tenant?: Maybe<ResolversParentTypes['Tenant']> };
  User: UserRecord;
  UserError: UserError;
}>;

export type BrandingResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['Branding'] = ResolversParentTypes['Branding']> = ResolversObject<{
  displayName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  logoUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  primaryColor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type LoginPayloadResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['LoginPayload'] = ResolversParentTypes['LoginPayload']> = ResolversObject<{
  token?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  user?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  login?: Resolver<ResolversTypes['LoginPayload'], ParentType, ContextType, RequireFields<MutationLoginArgs, 'input'>>;
  signUp?: Resolver<ResolversTypes['SignUpPayload'], ParentType, ContextType, RequireFields<MutationSignUpArgs, 'input'>>;
  updateBranding?: Resolver<ResolversTypes['UpdateBrandingPayload'], ParentType, ContextType, RequireFields<MutationUpdateBrandingArgs, 'input'>>;
}>;

export type QueryResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  me?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  tenant?: Resolver<ResolversTypes['Tenant'], ParentType, ContextType>;
  tenantAccess?: Resolver<ResolversTypes['TenantAccess'], ParentType, ContextType>;
}>;

export type SignUpPayloadResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['SignUpPayload'] = ResolversParentTypes['SignUpPayload']> = ResolversObject<{
  tenant?: Resolver<Maybe<ResolversTypes['Tenant']>, ParentType, ContextType>;
  token?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  user?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
}>;

export type TenantResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['Tenant'] = ResolversParentTypes['Tenant'], FederationReferenceType extends FederationReferenceTypes['Tenant'] = FederationReferenceTypes['Tenant']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Tenant']> | FederationReferenceType, FederationReferenceType, ContextType>;
  branding?: Resolver<ResolversTypes['Branding'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  defaultCurrency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  enabledModules?: Resolver<Array<ResolversTypes['ModuleKey']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  plan?: Resolver<ResolversTypes['Plan'], ParentType, ContextType>;
}>;

export type TenantAccessResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['TenantAccess'] = ResolversParentTypes['TenantAccess']> = ResolversObject<{
  defaultCurrency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  enabledModules?: Resolver<Array<ResolversTypes['ModuleKey']>, ParentType, ContextType>;
  plan?: Resolver<ResolversTypes['Plan'], ParentType, ContextType>;
  role?: Resolver<Maybe<ResolversTypes['Role']>, ParentType, ContextType>;
  tenantId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  userActive?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type UpdateBrandingPayloadResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['UpdateBrandingPayload'] = ResolversParentTypes['UpdateBrandingPayload']> = ResolversObject<{
  tenant?: Resolver<Maybe<ResolversTypes['Tenant']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
}>;

export type UserResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  email?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['Role'], ParentType, ContextType>;
  tenant?: Resolver<ResolversTypes['Tenant'], ParentType, ContextType>;
}>;

export type UserErrorResolvers<ContextType = IdentityContext, ParentType extends ResolversParentTypes['UserError'] = ResolversParentTypes['UserError']> = ResolversObject<{
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  field?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = IdentityContext> = ResolversObject<{
  Branding?: BrandingResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  LoginPayload?: LoginPayloadResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  SignUpPayload?: SignUpPayloadResolvers<ContextType>;
  Tenant?: TenantResolvers<ContextType>;
  TenantAccess?: TenantAccessResolvers<ContextType>;
  UpdateBrandingPayload?: UpdateBrandingPayloadResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
  UserError?: UserErrorResolvers<ContextType>;
}>;

