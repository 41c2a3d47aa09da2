// Generated from the API's OpenAPI document by `npm run gen` (web/scripts/gen-api.mjs). Do not edit.
export interface paths {
    "/api/ping/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Health check: answers 200 when the database answers, 503 otherwise. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Ping"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ready/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness check for load balancers and orchestrators: 200 when the database answers and its
         *     schema is current; 503 `unavailable` (with `Retry-After`) otherwise, the cause in the log.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Ready"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable: the database is unreachable or migrations are pending */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/accounts/{id}/adjust_credits/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Adds (bonus pool) or removes (plan pool first) credits of an account (staff), recorded as an
         *     `adjustment` in its ledger.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["AdjustCreditsBody"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["AdjustedDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description insufficient_credits for a negative amount */
                402: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied: staff only */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/payments/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Payments of every account, oldest first (staff). Filter `status=pending_approval` for the
         *     review queue.
         */
        get: {
            parameters: {
                query?: {
                    /** @description Only payments of this invoice. */
                    invoice_id?: number;
                    /** @description `field` or `-field` (descending); anything else is 400 `validation_failed`. */
                    ordering?: "" | "created_at";
                    /** @description 1-based page; below 1 reads as 1. */
                    page?: number;
                    /** @description Rows per page (default 25); clamped to 1..=200. */
                    page_size?: number;
                    status?: "" | "pending_approval" | "succeeded" | "failed" | "refunded" | "cancelled";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            count: number;
                            next: string | null;
                            previous: string | null;
                            request_id: string;
                            results: components["schemas"]["AdminPaymentDto"][];
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied: staff only */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/payments/{id}/approve/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approves a payment (staff): the invoice is paid and its effect applied once. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["ApprovedDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied: staff only */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict: the invoice is already paid */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description invalid_state: the payment is not pending approval, or the invoice is void */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/payments/{id}/reject/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rejects a payment with a reason (staff); the invoice stays open. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RejectBody"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["AdminPaymentDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied: staff only */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description invalid_state: the payment is not pending approval */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/account/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's account with its plan. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["AccountDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /**
         * Full update (PUT): the fields a create requires must be present (400 naming the missing
         *     ones); others keep their values when absent. Then as PATCH.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                    } & WithRequired<components["schemas"]["AccountBody"], "name">;
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["AccountDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Updates name, time zone and billing contact (admin+). */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["AccountBody"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["AccountDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/auth/industries/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Industries with their sectors (public). */
        get: {
            parameters: {
                query?: {
                    /** @description 1-based page; below 1 reads as 1. */
                    page?: number;
                    /** @description Rows per page (default 25); clamped to 1..=200. */
                    page_size?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            count: number;
                            next: string | null;
                            previous: string | null;
                            request_id: string;
                            results: components["schemas"]["IndustryDto"][];
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Signs in; throttled to 5 attempts a minute per IP and per email. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["LoginBody"];
                };
            };
            responses: {
                /** @description `data` is an AuthResponse */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["AuthResponse"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description invalid_credentials */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited, with Retry-After and X-Throttle-* headers */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Revokes the current session (its refresh token and access tokens) and clears the web app's
         *     refresh cookie.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: unknown;
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller with account and plan. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["UserDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /**
         * Full update (PUT): the fields a create requires must be present (400 naming the missing
         *     ones); others keep their values when absent. Then as PATCH.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["MeBody"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["UserDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Updates the caller's names. */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["MeBody"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["UserDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/auth/password/change/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Changes the password; every other session of the user is revoked. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PasswordChangeBody"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: unknown;
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed (old_password wrong, weak new_password) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password/reset/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Emails a single-use reset link valid for one hour. Answers the same whether or not the email
         *     is registered.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PasswordResetBody"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: unknown;
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password/reset/confirm/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sets a new password with a reset token; the token is consumed and every session revoked. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PasswordResetConfirmBody"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: unknown;
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description invalid_token (unknown or used) / token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/plans/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Plans offered at sign-up (public). */
        get: {
            parameters: {
                query?: {
                    /** @description 1-based page; below 1 reads as 1. */
                    page?: number;
                    /** @description Rows per page (default 25); clamped to 1..=200. */
                    page_size?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            count: number;
                            next: string | null;
                            previous: string | null;
                            request_id: string;
                            results: components["schemas"]["PlanDto"][];
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/refresh/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Alias of `token/refresh/`. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RefreshBody"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["AuthResponse"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description `X-IGNY8-Session: cookie`, no `refresh` in the body and no cookie: no session */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description invalid_token / token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/register/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Creates an account with its owner and returns tokens. A paid `plan_slug` leaves the account
         *     `pending_payment`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RegisterBody"];
                };
            };
            responses: {
                /** @description Account created; `data` is an AuthResponse */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["AuthResponse"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed / invalid_json */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description already_exists: the email is taken */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sectors/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lists sectors of the sites the caller may see. */
        get: {
            parameters: {
                query?: {
                    /** @description Active flag. */
                    is_active?: boolean;
                    /** @description `field` or `-field` (descending); anything else is 400 `validation_failed`. */
                    ordering?: "" | "name";
                    /** @description 1-based page; below 1 reads as 1. */
                    page?: number;
                    /** @description Rows per page (default 25); clamped to 1..=200. */
                    page_size?: number;
                    /** @description Substring of the name. */
                    search?: string;
                    /** @description Site. */
                    site_id?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            count: number;
                            next: string | null;
                            previous: string | null;
                            request_id: string;
                            results: components["schemas"]["SectorDto"][];
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sectors/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One sector. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["SectorDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /**
         * Full update (PUT): the fields a create requires must be present (400 naming the missing
         *     ones); others keep their values when absent. Then as PATCH.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                    } & WithRequired<components["schemas"]["SectorBody"], "name">;
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["SectorDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Renames or (de)activates a sector (admin+). */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["SectorBody"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["SectorDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/auth/site-access/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lists site-access grants (admin+). */
        get: {
            parameters: {
                query?: {
                    /** @description `field` or `-field` (descending); anything else is 400 `validation_failed`. */
                    ordering?: "" | "id";
                    /** @description 1-based page; below 1 reads as 1. */
                    page?: number;
                    /** @description Rows per page (default 25); clamped to 1..=200. */
                    page_size?: number;
                    /** @description Site. */
                    site_id?: number;
                    /** @description Member. */
                    user_id?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            count: number;
                            next: string | null;
                            previous: string | null;
                            request_id: string;
                            results: components["schemas"]["SiteAccessDto"][];
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Grants a member access to a site (admin+). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["GrantBody"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["SiteAccessDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/site-access/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revokes a grant (admin+). */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sites/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lists the sites the caller may see. Ordering: `name`, `created_at`. */
        get: {
            parameters: {
                query?: {
                    /** @description Industry. */
                    industry_id?: number;
                    /** @description Active flag. */
                    is_active?: boolean;
                    /** @description `field` or `-field` (descending); anything else is 400 `validation_failed`. */
                    ordering?: "" | "name" | "-name" | "created_at" | "-created_at";
                    /** @description 1-based page; below 1 reads as 1. */
                    page?: number;
                    /** @description Rows per page (default 25); clamped to 1..=200. */
                    page_size?: number;
                    /** @description Substring of name or domain. */
                    search?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            count: number;
                            next: string | null;
                            previous: string | null;
                            request_id: string;
                            results: components["schemas"]["SiteDto"][];
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Creates a site (admin+; plan `max_sites` enforced). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SiteCreateBody"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["SiteDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied / plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sites/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One site. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["SiteDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /**
         * Full update (PUT): the fields a create requires must be present (400 naming the missing
         *     ones); others keep their values when absent. Then as PATCH.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                    } & WithRequired<components["schemas"]["SiteBody"], "name">;
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["SiteDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        /** Deletes a site and everything in it (admin+). */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Updates a site (admin+). */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["SiteBody"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["SiteDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/auth/sites/{id}/sectors/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The site's active sectors. */
        get: {
            parameters: {
                query?: {
                    /** @description `field` or `-field` (descending); anything else is 400 `validation_failed`. */
                    ordering?: "" | "name";
                    /** @description 1-based page; below 1 reads as 1. */
                    page?: number;
                    /** @description Rows per page (default 25); clamped to 1..=200. */
                    page_size?: number;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            count: number;
                            next: string | null;
                            previous: string | null;
                            request_id: string;
                            results: components["schemas"]["SectorDto"][];
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sites/{id}/select_sectors/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Chooses the site's industry and sectors (≤ plan limit, default 5); unlisted sectors are
         *     deactivated. Returns the active sectors.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SelectSectorsBody"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["SectorDto"][];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sites/{id}/set_active/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Activates (default) or deactivates a site (admin+). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["SetActiveBody"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["SiteDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sites/filter_options/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Distinct `is_active` and `industry_id` values among visible sites matching the other filters. */
        get: {
            parameters: {
                query?: {
                    /** @description Industry. */
                    industry_id?: number;
                    /** @description Active flag. */
                    is_active?: boolean;
                    /** @description Substring of name or domain. */
                    search?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: unknown;
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/token/refresh/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Exchanges a refresh token for a new pair; the old refresh token stops working, and reusing
         *     it revokes the whole session. With `X-IGNY8-Session: cookie` and no `refresh` in the body,
         *     the token is read from the `igny8_refresh` cookie, and the new one is set there (204 when
         *     there is no cookie: no session).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["RefreshBody"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["AuthResponse"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description `X-IGNY8-Session: cookie`, no `refresh` in the body and no cookie: no session */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description invalid_token / token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/users/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lists the team (admin+). Ordering: `email`, `created_at`, `role`. */
        get: {
            parameters: {
                query?: {
                    /** @description Active flag. */
                    is_active?: boolean;
                    /** @description `field` or `-field` (descending); anything else is 400 `validation_failed`. */
                    ordering?: "" | "email" | "-email" | "created_at" | "-created_at" | "role" | "-role";
                    /** @description 1-based page; below 1 reads as 1. */
                    page?: number;
                    /** @description Rows per page (default 25); clamped to 1..=200. */
                    page_size?: number;
                    /** @description Role. */
                    role?: components["schemas"]["Role"];
                    /** @description Substring of email or names. */
                    search?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            count: number;
                            next: string | null;
                            previous: string | null;
                            request_id: string;
                            results: components["schemas"]["UserDto"][];
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Adds a member who can log in at once (admin+; plan `max_users` enforced). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewUserBody"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["UserDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied / plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/users/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One member (admin+). */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["UserDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /**
         * Full update (PUT): the fields a create requires must be present (400 naming the missing
         *     ones); others keep their values when absent. Then as PATCH.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        role: string;
                    } & WithRequired<components["schemas"]["UserChangesBody"], "role">;
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["UserDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict: last owner */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        /** Removes a member (admin+; the last owner stays). */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Changes role, names or active flag (admin+; owners only by owners; the last owner stays). */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["UserChangesBody"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["UserDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict: last owner */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/auth/users/filter_options/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Distinct `role` and `is_active` values among members matching the other filters. */
        get: {
            parameters: {
                query?: {
                    /** @description Active flag. */
                    is_active?: boolean;
                    /** @description Role. */
                    role?: components["schemas"]["Role"];
                    /** @description Substring of email or names. */
                    search?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: unknown;
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/automation/cancel/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancels a running or paused run after the item in progress (editor+). */
        post: {
            parameters: {
                query: {
                    /** @description `logs/`: how many events (default 100, at most 1,000). */
                    lines?: number;
                    /** @description The run. */
                    run_id: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Run"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description invalid_state: the run has ended */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/automation/config/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The site's automation config (created from the platform defaults on first read). */
        get: {
            parameters: {
                query: {
                    /** @description The site. */
                    site_id: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["AutomationConfig"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed: site_id missing */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found: no such site of the caller's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/automation/current_run/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The site's running or paused run, or `null`. */
        get: {
            parameters: {
                query: {
                    /** @description The site. */
                    site_id: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Run"] | null;
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/automation/estimate/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Credits a run would spend per stage and in total, the balance, and whether it covers
         *     1.2 × the estimate.
         */
        get: {
            parameters: {
                query: {
                    /** @description The site. */
                    site_id: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["RunEstimate"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/automation/history/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The site's runs, newest first (page size default 25). */
        get: {
            parameters: {
                query: {
                    /** @description 1-based page; below 1 reads as 1. */
                    page?: number;
                    /** @description Rows per page (default 25); clamped to 1..=200. */
                    page_size?: number;
                    /** @description The site. */
                    site_id: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description list envelope of Run */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            count: number;
                            next: string | null;
                            previous: string | null;
                            request_id: string;
                            results: unknown[];
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/automation/logs/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The last `lines` events of a run (default 100), oldest first. */
        get: {
            parameters: {
                query: {
                    /** @description `logs/`: how many events (default 100, at most 1,000). */
                    lines?: number;
                    /** @description The run. */
                    run_id: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["RunLogs"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/automation/pause/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pauses a running run after the item in progress (editor+). */
        post: {
            parameters: {
                query: {
                    /** @description `logs/`: how many events (default 100, at most 1,000). */
                    lines?: number;
                    /** @description The run. */
                    run_id: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Run"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description invalid_state: the run has ended */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/automation/pipeline_overview/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Pending items per stage and the active run of a site. */
        get: {
            parameters: {
                query: {
                    /** @description The site. */
                    site_id: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["PipelineOverview"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/automation/resume/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resumes a paused run from its saved stage and position (editor+). */
        post: {
            parameters: {
                query: {
                    /** @description `logs/`: how many events (default 100, at most 1,000). */
                    lines?: number;
                    /** @description The run. */
                    run_id: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Run"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description invalid_state: the run has ended */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/automation/run_now/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Starts a run now (editor+): 202 with the run; its stages proceed on the worker. */
        post: {
            parameters: {
                query: {
                    /** @description The site. */
                    site_id: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Run"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description insufficient_credits: errors {needed, available, estimate} */
                402: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description run_in_progress: errors {run_id} */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/automation/runs/{id}/events/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A run's live progress as server-sent events. A new client first gets `state` (the run as
         *     `GET current_run/` shows it, with the latest event id), then every event as it happens
         *     (`stage_started`, `stage_progress`, `stage_completed`, `run_paused`, …; `id` is the event id).
         *     With `Last-Event-ID` the events after that id are replayed instead of the state. The stream
         *     ends after the run's final event with a last `state`.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description text/event-stream of run events */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": unknown;
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/automation/update_config/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Changes the site's automation config (editor+); every problem is reported at once. */
        put: {
            parameters: {
                query: {
                    /** @description The site. */
                    site_id: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["ConfigBody"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["AutomationConfig"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied (viewer) or account_inactive */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/billing/credit-packages/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Credit packages on sale. */
        get: {
            parameters: {
                query?: {
                    /** @description 1-based page; below 1 reads as 1. */
                    page?: number;
                    /** @description Rows per page (default 25); clamped to 1..=200. */
                    page_size?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            count: number;
                            next: string | null;
                            previous: string | null;
                            request_id: string;
                            results: components["schemas"]["CreditPackageDto"][];
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/billing/credit-packages/{id}/purchase/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Buys a package (admin+): answers the invoice and how to pay it. Credits go to the bonus pool
         *     once the payment is approved.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["PurchaseDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/billing/credits/balance/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Both credit pools, the plan's credits per period and the current period's end. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["BalanceDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/billing/credits/limits/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Sites, users and keywords used against the plan's limits. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["LimitsDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/billing/credits/usage/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The AI usage log, newest first: operation, credits, model, tokens and cost per call. */
        get: {
            parameters: {
                query?: {
                    end_date?: string;
                    /** @description Operation (`clustering`, `ideas`, `content`, `image_prompts`, `images`). */
                    operation_type?: string;
                    /** @description `field` or `-field` (descending); anything else is 400 `validation_failed`. */
                    ordering?: "" | "-created_at";
                    /** @description 1-based page; below 1 reads as 1. */
                    page?: number;
                    /** @description Rows per page (default 25); clamped to 1..=200. */
                    page_size?: number;
                    start_date?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            count: number;
                            next: string | null;
                            previous: string | null;
                            request_id: string;
                            results: components["schemas"]["UsageDto"][];
                            /** @constant */
                            success: true;
                        };
                    };
                };
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/billing/invoices/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The account's invoices, newest first. Ordering: `issued_at`, `total_cents`; search: number. */
        get: {
            parameters: {
                query?: {
                    invoice_type?: "" | "subscription" | "credit_package" | "addon" | "custom";
                    /** @description `field` or `-field` (descending); anything else is 400 `validation_failed`. */
                    ordering?: "" | "issued_at" | "-issued_at" | "total_cents" | "-total_cents";
                    /** @description 1-based page; below 1 reads as 1. */
                    page?: number;
                    /** @description Rows per page (default 25); clamped to 1..=200. */
                    page_size?: number;
                    /** @description Case-insensitive substring of the main text field. */
                    search?: string;
                    status?: "" | "draft" | "pending" | "paid" | "void" | "uncollectible";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            count: number;
                            next: string | null;
                            previous: string | null;
                            request_id: string;
                            results: components["schemas"]["InvoiceDto"][];
                            /** @constant */
                            success: true;
                        };
                    };
                };
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/billing/invoices/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One invoice. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["InvoiceDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/billing/invoices/{id}/checkout/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Opens (or reopens) the card checkout of an open invoice of the account (admin+): answers
         *     `{"type": "checkout", "url"}`. Without a card gateway: the transfer instructions. A paid
         *     invoice is 409, a void one 422; a gateway that does not answer is 503.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["NextActionDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict: the invoice is paid */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description invalid_state: the invoice cannot be paid */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable: the card gateway did not answer */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/billing/invoices/{id}/download_pdf/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The invoice as a PDF (`application/pdf`, an attachment named after the invoice number). */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the PDF */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/pdf": unknown;
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/billing/payments/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The account's payments, newest first. */
        get: {
            parameters: {
                query?: {
                    /** @description Only payments of this invoice. */
                    invoice_id?: number;
                    /** @description `field` or `-field` (descending); anything else is 400 `validation_failed`. */
                    ordering?: "" | "-created_at";
                    /** @description 1-based page; below 1 reads as 1. */
                    page?: number;
                    /** @description Rows per page (default 25); clamped to 1..=200. */
                    page_size?: number;
                    status?: "" | "pending_approval" | "succeeded" | "failed" | "refunded" | "cancelled";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            count: number;
                            next: string | null;
                            previous: string | null;
                            request_id: string;
                            results: components["schemas"]["PaymentDto"][];
                            /** @constant */
                            success: true;
                        };
                    };
                };
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/billing/payments/manual/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reports a manual payment of a pending invoice (admin+); it waits for staff approval. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ManualPaymentBody"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["PaymentDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict: the invoice is paid, or a payment awaits approval */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description invalid_state: the invoice is void */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/billing/plans/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Plans on offer, in display order. */
        get: {
            parameters: {
                query?: {
                    /** @description 1-based page; below 1 reads as 1. */
                    page?: number;
                    /** @description Rows per page (default 25); clamped to 1..=200. */
                    page_size?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            count: number;
                            next: string | null;
                            previous: string | null;
                            request_id: string;
                            results: components["schemas"]["PlanDto"][];
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/billing/subscription/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The account's subscription. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["SubscriptionDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description no subscription */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/billing/subscription/cancel/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancels (admin+): no renewal; the subscription ends at its period end (at once when nothing
         *     is paid for the current period).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["SubscriptionDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description invalid_state: already cancelled or ended */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/billing/subscription/change_plan/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Moves to another plan or cycle (admin+). A free plan applies at once; a paid plan answers an
         *     invoice and applies when it is paid.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ChangePlanBody"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["PlanChangeDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found: unknown plan (errors.plan_slug) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description conflict: already on this plan and cycle */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/billing/transactions/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The credit ledger, newest first. Ordering: `created_at`, `amount`; search: description or
         *     reference.
         */
        get: {
            parameters: {
                query?: {
                    kind?: "" | "grant" | "charge" | "refund" | "purchase" | "plan_reset" | "plan_expire" | "adjustment";
                    /** @description `field` or `-field` (descending); anything else is 400 `validation_failed`. */
                    ordering?: "" | "created_at" | "-created_at" | "amount" | "-amount";
                    /** @description 1-based page; below 1 reads as 1. */
                    page?: number;
                    /** @description Rows per page (default 25); clamped to 1..=200. */
                    page_size?: number;
                    pool?: "" | "plan" | "bonus";
                    /** @description Case-insensitive substring of the main text field. */
                    search?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            count: number;
                            next: string | null;
                            previous: string | null;
                            request_id: string;
                            results: components["schemas"]["TransactionDto"][];
                            /** @constant */
                            success: true;
                        };
                    };
                };
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/billing/webhooks/stripe/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stripe's webhook. Unauthenticated: the `Stripe-Signature` header (`t=<unix
         *     time>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" under the webhook secret>`) must match and be
         *     at most 5 minutes old, else 400 `invalid_signature` and nothing changes. Every event is
         *     stored once by its id; a redelivery answers `duplicate`. `checkout.session.completed` pays
         *     the session's invoice (credits, plan, receipt) exactly once.
         */
        post: {
            parameters: {
                query?: never;
                header: {
                    /** @description t=<unix time>,v1=<signature> */
                    "Stripe-Signature": string;
                };
                path?: never;
                cookie?: never;
            };
            /** @description A Stripe event, as Stripe sends it */
            requestBody?: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["WebhookAckDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description invalid_signature; validation_failed (not an event) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/integration/integrations/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The integrations of the sites the caller sees, newest first. */
        get: {
            parameters: {
                query?: {
                    /** @description `field` or `-field` (descending); anything else is 400 `validation_failed`. */
                    ordering?: "" | "-created_at";
                    /** @description 1-based page; below 1 reads as 1. */
                    page?: number;
                    /** @description Rows per page (default 25); clamped to 1..=200. */
                    page_size?: number;
                    /** @description Only this site. */
                    site_id?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            count: number;
                            next: string | null;
                            previous: string | null;
                            request_id: string;
                            results: components["schemas"]["IntegrationDto"][];
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Connects a site (editor+); one integration per site (409 `already_exists`). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["IntegrationBody"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["IntegrationDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description already_exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/integration/integrations/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One integration. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["IntegrationDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /** Full update (PUT): `site_url` must be present; others keep their values when absent. */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        site_url: string;
                    } & WithRequired<components["schemas"]["IntegrationPatchBody"], "site_url">;
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["IntegrationDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description invalid_state */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        /** Disconnects a site (editor+); its sync events go too, content keeps its links. */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Changes an integration (editor+). A new URL, mode, user or password resets
         *     `connection_status` to `unknown`.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["IntegrationPatchBody"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["IntegrationDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description invalid_state */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/integration/integrations/{id}/events/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every attempt to talk to the site (publishes, checks, syncs, webhooks), newest first. */
        get: {
            parameters: {
                query?: {
                    /** @description Only this content item. */
                    content_id?: number;
                    /** @description `field` or `-field` (descending); anything else is 400 `validation_failed`. */
                    ordering?: "" | "-id";
                    /** @description 1-based page; below 1 reads as 1. */
                    page?: number;
                    /** @description Rows per page (default 25); clamped to 1..=200. */
                    page_size?: number;
                };
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            count: number;
                            next: string | null;
                            previous: string | null;
                            request_id: string;
                            results: components["schemas"]["SyncEventDto"][];
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/integration/integrations/{id}/sync/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pulls the status of every post the site's content is linked to (editor+) and applies it
         *     like the webhook; answers what it found (a site that cannot be read is reported in the
         *     answer and the sync event).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["SyncReport"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description invalid_state: sync disabled */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/integration/integrations/{id}/test_connection/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Checks the connection from our side (editor+): the site answers and accepts the credentials
         *     (core: the application password, through `users/me`; bridge: the plugin, with the site
         *     key). The outcome is stored on the integration and as a sync event.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["CheckOutcome"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/integration/integrations/{id}/update_site_structure/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The plugin pushes the site's post types and taxonomies (site key; only its own site's
         *     integration, another is 404).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["SiteStructureBody"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["IntegrationDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/integration/integrations/generate-api-key/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Makes (or replaces) a site's API key (editor+). The key is in this answer only; the plugin
         *     authenticates with it. A replaced key stops working at once.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["GenerateKeyBody"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["SiteKeyDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/integration/integrations/test-connection/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The plugin checks its site key. Answers the key's site; a site with no integration gets a
         *     bridge-mode one for `site_url` (422 `invalid_state` without it).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["PluginHelloBody"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["PluginHello"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description invalid_state */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/integration/media/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An image file of the key's site, for the plugin to download while publishing (site key). */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the file */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "image/*": unknown;
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/integration/webhooks/wordpress/status/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The plugin reports a post's status change (site key). `publish`/`private` → `published`,
         *     `future` → `scheduled`, `draft`/`pending`/`trash` → `not_published`, `deleted` → unlinked.
         *     Idempotent; content of another site, or a post that is not the content's, is 404.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["StatusWebhookBody"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["StatusApplied"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/keywords-library/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lists seed keywords by industry and sector (any signed-in user), highest volume first. */
        get: {
            parameters: {
                query?: {
                    /** @description Two-letter country code. */
                    country?: string;
                    /** @description Industry. */
                    industry_id?: number;
                    /** @description Search intent. */
                    intent?: components["schemas"]["Intent"];
                    /** @description `field` or `-field` (descending); anything else is 400 `validation_failed`. */
                    ordering?: "" | "keyword" | "-keyword" | "volume" | "-volume" | "difficulty" | "-difficulty";
                    /** @description 1-based page; below 1 reads as 1. */
                    page?: number;
                    /** @description Rows per page (default 25); clamped to 1..=200. */
                    page_size?: number;
                    /** @description Case-insensitive substring of the keyword. */
                    search?: string;
                    /** @description Industry sector (global sector template id). */
                    sector_id?: number;
                    /** @description Several industry sectors, comma-separated. */
                    sector_ids?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            count: number;
                            next: string | null;
                            previous: string | null;
                            request_id: string;
                            results: components["schemas"]["SeedKeywordDto"][];
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/keywords-library/sector_stats/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Per industry sector: how many seed keywords, their total volume and average difficulty. */
        get: {
            parameters: {
                query?: {
                    /** @description Only this industry. */
                    industry_id?: number;
                    /** @description 1-based page; below 1 reads as 1. */
                    page?: number;
                    /** @description Rows per page (default 25); clamped to 1..=200. */
                    page_size?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            count: number;
                            next: string | null;
                            previous: string | null;
                            request_id: string;
                            results: components["schemas"]["SectorStat"][];
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The account's notifications, newest first. */
        get: {
            parameters: {
                query?: {
                    /** @description Only read (true) or unread (false) ones. */
                    is_read?: boolean;
                    /** @description `field` or `-field` (descending); anything else is 400 `validation_failed`. */
                    ordering?: "" | "-created_at";
                    /** @description 1-based page; below 1 reads as 1. */
                    page?: number;
                    /** @description Rows per page (default 25); clamped to 1..=200. */
                    page_size?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            count: number;
                            next: string | null;
                            previous: string | null;
                            request_id: string;
                            results: components["schemas"]["Notification"][];
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/{id}/read/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Marks one notification read. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Notification"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/read_all/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Marks every notification read; answers `{"affected": N}`. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: unknown;
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/planner/clusters/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lists clusters with `keywords_count`, `volume`, `difficulty`, `ideas_count`, `content_count`. */
        get: {
            parameters: {
                query?: {
                    /** @description Disabled flag. */
                    disabled?: boolean;
                    /** @description `field` or `-field` (descending); anything else is 400 `validation_failed`. */
                    ordering?: "" | "name" | "-name" | "created_at" | "-created_at" | "keywords_count" | "-keywords_count" | "volume" | "-volume" | "difficulty" | "-difficulty" | "ideas_count" | "-ideas_count";
                    /** @description 1-based page; below 1 reads as 1. */
                    page?: number;
                    /** @description Rows per page (default 25); clamped to 1..=200. */
                    page_size?: number;
                    /** @description Case-insensitive substring of the name. */
                    search?: string;
                    /** @description Sector. */
                    sector_id?: number;
                    /** @description Site. */
                    site_id?: number;
                    /** @description `new` or `mapped`. */
                    status?: components["schemas"]["MappingStatus"];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            count: number;
                            next: string | null;
                            previous: string | null;
                            request_id: string;
                            results: components["schemas"]["ClusterDto"][];
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Creates a cluster (editor+); the name is unique per site and sector. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ClusterBody"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["ClusterDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description already_exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/planner/clusters/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One cluster with its aggregates. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["ClusterDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /**
         * Full update (PUT): the fields a create requires must be present (400 naming the missing
         *     ones); others keep their values when absent. Then as PATCH.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                    } & WithRequired<components["schemas"]["ClusterPatch"], "name">;
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["ClusterDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        /** Deletes a cluster (editor+); its keywords lose the cluster and become `new`. */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Updates a cluster (editor+). */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["ClusterPatch"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["ClusterDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/planner/clusters/bulk_delete/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Deletes clusters by id (editor+), unmapping their keywords. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["BulkIds"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Affected"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/planner/clusters/filter_options/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Distinct `status` and `disabled` values among clusters matching the other filters. */
        get: {
            parameters: {
                query?: {
                    /** @description Disabled flag. */
                    disabled?: boolean;
                    /** @description Case-insensitive substring of the name. */
                    search?: string;
                    /** @description Sector. */
                    sector_id?: number;
                    /** @description Site. */
                    site_id?: number;
                    /** @description `new` or `mapped`. */
                    status?: components["schemas"]["MappingStatus"];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: unknown;
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/planner/clusters/generate_ideas/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Generates 3–7 article ideas per cluster with AI (editor+). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ClusterIds"];
                };
            };
            responses: {
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["TaskStarted"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description insufficient_credits: errors {needed, available} */
                402: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description none of the ids is the caller's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/planner/ideas/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lists ideas with their outline and keyword ids. */
        get: {
            parameters: {
                query?: {
                    /** @description A cluster id, or `null` for ideas without a cluster. */
                    cluster_id?: string;
                    /** @description Content structure. */
                    content_structure?: components["schemas"]["ContentStructure"];
                    /** @description Content type. */
                    content_type?: components["schemas"]["ContentType"];
                    /** @description `field` or `-field` (descending); anything else is 400 `validation_failed`. */
                    ordering?: "" | "idea_title" | "-idea_title" | "created_at" | "-created_at" | "estimated_word_count" | "-estimated_word_count" | "status" | "-status";
                    /** @description 1-based page; below 1 reads as 1. */
                    page?: number;
                    /** @description Rows per page (default 25); clamped to 1..=200. */
                    page_size?: number;
                    /** @description Case-insensitive substring of the title. */
                    search?: string;
                    /** @description Sector. */
                    sector_id?: number;
                    /** @description Site. */
                    site_id?: number;
                    /** @description `new`, `queued`, `completed`. */
                    status?: components["schemas"]["IdeaStatus"];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            count: number;
                            next: string | null;
                            previous: string | null;
                            request_id: string;
                            results: components["schemas"]["IdeaDto"][];
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Creates an idea (editor+). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["IdeaBody"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["IdeaDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/planner/ideas/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One idea. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["IdeaDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /**
         * Full update (PUT): the fields a create requires must be present (400 naming the missing
         *     ones); others keep their values when absent. Then as PATCH.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        idea_title: string;
                    } & WithRequired<components["schemas"]["IdeaPatch"], "idea_title">;
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["IdeaDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        /** Deletes an idea (editor+). */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Updates an idea (editor+); `keyword_ids` replaces the list. */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["IdeaPatch"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["IdeaDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/planner/ideas/bulk_delete/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Deletes ideas by id (editor+). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["BulkIds"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Affected"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/planner/ideas/create_tasks/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Turns ideas into writer tasks: one task per idea with its title, outline, keywords, type,
         *     structure and word count; the ideas become `queued`. Idempotent: an idea that already has a
         *     task makes no second one. Another account's ids are ignored; none left → 404.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["BulkIds"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["CreatedTasks"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/planner/ideas/filter_options/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Distinct `status`, `content_type`, `content_structure` and `cluster_id` values among ideas
         *     matching the other filters.
         */
        get: {
            parameters: {
                query?: {
                    /** @description A cluster id, or `null` for ideas without a cluster. */
                    cluster_id?: string;
                    /** @description Content structure. */
                    content_structure?: components["schemas"]["ContentStructure"];
                    /** @description Content type. */
                    content_type?: components["schemas"]["ContentType"];
                    /** @description Case-insensitive substring of the title. */
                    search?: string;
                    /** @description Sector. */
                    sector_id?: number;
                    /** @description Site. */
                    site_id?: number;
                    /** @description `new`, `queued`, `completed`. */
                    status?: components["schemas"]["IdeaStatus"];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: unknown;
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/planner/keywords/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lists keywords of the sites the caller may see, newest first. */
        get: {
            parameters: {
                query?: {
                    /** @description A cluster id, or `null` for keywords without a cluster. */
                    cluster_id?: string;
                    /** @description Two-letter country code. */
                    country?: string;
                    /** @description Largest difficulty. */
                    difficulty_max?: number;
                    /** @description Smallest difficulty. */
                    difficulty_min?: number;
                    /** @description Disabled flag. */
                    disabled?: boolean;
                    /** @description Search intent. */
                    intent?: components["schemas"]["Intent"];
                    /** @description `field` or `-field` (descending); anything else is 400 `validation_failed`. */
                    ordering?: "" | "keyword" | "-keyword" | "volume" | "-volume" | "difficulty" | "-difficulty" | "created_at" | "-created_at";
                    /** @description 1-based page; below 1 reads as 1. */
                    page?: number;
                    /** @description Rows per page (default 25); clamped to 1..=200. */
                    page_size?: number;
                    /** @description Case-insensitive substring of the keyword. */
                    search?: string;
                    /** @description Sector. */
                    sector_id?: number;
                    /** @description Site. */
                    site_id?: number;
                    /** @description `new` or `mapped`. */
                    status?: components["schemas"]["MappingStatus"];
                    /** @description Largest volume. */
                    volume_max?: number;
                    /** @description Smallest volume. */
                    volume_min?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            count: number;
                            next: string | null;
                            previous: string | null;
                            request_id: string;
                            results: components["schemas"]["KeywordDto"][];
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed (unknown ordering) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Creates a keyword (editor+). Site and sector are required and must agree. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["KeywordBody"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["KeywordDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied / plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description already_exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/planner/keywords/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One keyword. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["KeywordDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /**
         * Full update (PUT): the fields a create requires must be present (400 naming the missing
         *     ones); others keep their values when absent. Then as PATCH.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        keyword: string;
                    } & WithRequired<components["schemas"]["KeywordPatch"], "keyword">;
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["KeywordDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        /** Deletes a keyword (editor+). */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Updates a keyword (editor+); assigning a cluster sets `mapped`, clearing it sets `new`. */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["KeywordPatch"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["KeywordDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/planner/keywords/auto_cluster/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Clusters keywords with AI (editor+): new, enabled, unclustered keywords, per site and sector. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["KeywordIds"];
                };
            };
            responses: {
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["TaskStarted"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description insufficient_credits: errors {needed, available} */
                402: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description none of the ids is the caller's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/planner/keywords/bulk_add_from_seed/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Creates keywords from seed keywords of the sector's industry sector (editor+). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["AddFromSeedBody"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["AddFromSeedReport"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/planner/keywords/bulk_delete/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Deletes keywords by id (editor+; at most 1,000; other accounts' ids are ignored). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["BulkIds"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Affected"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/planner/keywords/bulk_update/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sets `status`, `disabled` or `cluster_id` of keywords by id (editor+). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["KeywordBulkUpdate"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Affected"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/planner/keywords/export_csv/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Streams the filtered, ordered keyword list as CSV (`keyword, volume, difficulty, intent,
         *     cpc, country, status, disabled, cluster, created_at`); the file imports back as it is.
         */
        get: {
            parameters: {
                query?: {
                    /** @description A cluster id, or `null` for keywords without a cluster. */
                    cluster_id?: string;
                    /** @description Two-letter country code. */
                    country?: string;
                    /** @description Largest difficulty. */
                    difficulty_max?: number;
                    /** @description Smallest difficulty. */
                    difficulty_min?: number;
                    /** @description Disabled flag. */
                    disabled?: boolean;
                    /** @description Search intent. */
                    intent?: components["schemas"]["Intent"];
                    /** @description `field` or `-field` (descending); anything else is 400 `validation_failed`. */
                    ordering?: "" | "keyword" | "-keyword" | "volume" | "-volume" | "difficulty" | "-difficulty" | "created_at" | "-created_at";
                    /** @description Case-insensitive substring of the keyword. */
                    search?: string;
                    /** @description Sector. */
                    sector_id?: number;
                    /** @description Site. */
                    site_id?: number;
                    /** @description `new` or `mapped`. */
                    status?: components["schemas"]["MappingStatus"];
                    /** @description Largest volume. */
                    volume_max?: number;
                    /** @description Smallest volume. */
                    volume_min?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": string;
                    };
                };
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/planner/keywords/filter_options/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Distinct `status`, `intent`, `cluster_id`, `disabled` and `country` values among keywords
         *     matching the other filters.
         */
        get: {
            parameters: {
                query?: {
                    /** @description A cluster id, or `null` for keywords without a cluster. */
                    cluster_id?: string;
                    /** @description Two-letter country code. */
                    country?: string;
                    /** @description Largest difficulty. */
                    difficulty_max?: number;
                    /** @description Smallest difficulty. */
                    difficulty_min?: number;
                    /** @description Disabled flag. */
                    disabled?: boolean;
                    /** @description Search intent. */
                    intent?: components["schemas"]["Intent"];
                    /** @description Case-insensitive substring of the keyword. */
                    search?: string;
                    /** @description Sector. */
                    sector_id?: number;
                    /** @description Site. */
                    site_id?: number;
                    /** @description `new` or `mapped`. */
                    status?: components["schemas"]["MappingStatus"];
                    /** @description Largest volume. */
                    volume_max?: number;
                    /** @description Smallest volume. */
                    volume_min?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: unknown;
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/planner/keywords/import_csv/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Imports keywords from a CSV file (editor+): multipart/form-data with the file part `file`
         *     and fields `site_id`, `sector_id`, or a raw `text/csv` body with `?site_id=&sector_id=`.
         *     Exports of Semrush, Ahrefs, Keyword Planner (UTF-16, tabs) and Search Console are read as
         *     they are. The body is received before a database connection is taken (slow uploads cannot
         *     hold the pool); rows are then parsed as a stream and copied in one transaction.
         */
        post: {
            parameters: {
                query?: {
                    /** @description Sector (for a raw `text/csv` body). */
                    sector_id?: number;
                    /** @description Site (for a raw `text/csv` body). */
                    site_id?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            /** @description The CSV file as a form (a raw `text/csv` body with `site_id` and `sector_id` in the query is read too) */
            requestBody: {
                content: {
                    "multipart/form-data": components["schemas"]["ImportForm"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["ImportReport"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description invalid_csv / validation_failed */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/publisher/publish/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Publishes a content item to its site's WordPress (editor+): approved content only; answers
         *     202 with the item `publishing` while the worker sends it (an item on the site is updated,
         *     never duplicated). `publish_at` in the future schedules the post on the site.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PublishBody"];
                };
            };
            responses: {
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["ContentDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description invalid_state: not approved, already publishing, or no active integration */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/publisher/settings/{site_id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A site's publishing scheduler settings (created from the defaults on first read). */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    site_id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["PublishingSettingsDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /** Full update (PUT) of the scheduler settings: absent fields keep their values. */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    site_id: number;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["PublishingSettingsBody"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["PublishingSettingsDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Changes a site's scheduler settings (editor+). */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    site_id: number;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["PublishingSettingsBody"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["PublishingSettingsDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/system/ai-settings/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The account's AI settings; `null` fields use the platform's. Only `has_api_key` and
         *     `api_key_last4` tell about the key.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["AiSettings"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /**
         * Replaces the account's AI settings (admin or above). Absent or `null` fields go back to the
         *     platform's; `api_key` absent keeps the stored key, `""` removes it, a value replaces it
         *     (stored encrypted).
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["AiSettingsUpdate"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["AiSettings"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed: errors by field */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied: admins and owners only */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/system/ai-tasks/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Status, phase, progress, result or error of an AI task of the caller's account. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["AiTask"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/system/ai-tasks/{id}/events/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An AI task's live progress as server-sent events: `state` (the task as `GET
         *     ai-tasks/{id}/` shows it) at once, then again each time its status, phase, progress, message,
         *     result or error changes. The stream ends after the completed or failed state. Keep-alive
         *     comments every 15 s while nothing changes.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description text/event-stream of `state` events, each an AiTask */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/event-stream": unknown;
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/system/jobs/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Queue depth per task type and a page of failed jobs (platform staff only). */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description `data` = {queue: QueueStats, failed: {count, results: [FailedTask]}} */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: unknown;
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied: not platform staff */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/system/prompts/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every AI function's template in force for the account (its own or the built-in one), with
         *     the variables each may use. One page holds them all.
         */
        get: {
            parameters: {
                query?: {
                    /** @description 1-based page; below 1 reads as 1. */
                    page?: number;
                    /** @description Rows per page (default 25); clamped to 1..=200. */
                    page_size?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            count: number;
                            next: string | null;
                            previous: string | null;
                            request_id: string;
                            results: components["schemas"]["Prompt"][];
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/system/prompts/by_type/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One AI function's template in force for the account. */
        get: {
            parameters: {
                query: {
                    /** @description `clustering`, `ideas`, `content`, `image_prompts` or `image`. */
                    type: components["schemas"]["PromptType"];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Prompt"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed: unknown `type` */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/system/prompts/reset_prompt/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Drops the account's template for one AI function, back to the built-in one (editor or
         *     above). Resetting an unchanged template succeeds.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ResetPrompt"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Prompt"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed: unknown `prompt_type` */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied: viewers cannot change prompts */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/system/prompts/save_prompt/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Saves the account's own template for one AI function (editor or above). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SavePrompt"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["Prompt"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed: `errors.prompt_type` (unknown type) or `errors.prompt_value` (every problem: unknown or missing variables, empty, too long) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied: viewers cannot change prompts */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/writer/content/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Lists content. Ordering: `title`, `created_at` (default `-created_at`), `updated_at`,
         *     `word_count`, `status`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description Planner cluster. */
                    cluster_id?: number;
                    content_structure?: "" | "article" | "guide" | "comparison" | "review" | "listicle" | "landing_page" | "business_page" | "service_page" | "general" | "cluster_hub" | "product_page" | "category_archive" | "tag_archive" | "attribute_archive";
                    content_type?: "" | "post" | "page" | "product" | "taxonomy";
                    /** @description `field` or `-field` (descending); anything else is 400 `validation_failed`. */
                    ordering?: "" | "title" | "-title" | "created_at" | "-created_at" | "updated_at" | "-updated_at" | "word_count" | "-word_count" | "status" | "-status";
                    /** @description 1-based page; below 1 reads as 1. */
                    page?: number;
                    /** @description Rows per page (default 25); clamped to 1..=200. */
                    page_size?: number;
                    /** @description Case-insensitive substring of the title or primary keyword. */
                    search?: string;
                    /** @description Only this sector. */
                    sector_id?: number;
                    /** @description Only this site. */
                    site_id?: number;
                    site_status?: "" | "not_published" | "scheduled" | "publishing" | "published" | "failed";
                    source?: "" | "igny8" | "wordpress";
                    status?: "" | "draft" | "review" | "approved" | "published";
                    /** @description Writer task. */
                    task_id?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            count: number;
                            next: string | null;
                            previous: string | null;
                            request_id: string;
                            results: components["schemas"]["ContentDto"][];
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Creates a content item by hand (editor+) as a `draft`; the HTML is sanitized, tags and
         *     categories are names (missing ones are created).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ContentCreateBody"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["ContentDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description site not visible */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/writer/content/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One content item. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["ContentDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /**
         * Full update (PUT): the fields a create requires must be present (400 naming the missing
         *     ones); others keep their values when absent. Then as PATCH.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        title: string;
                    } & WithRequired<components["schemas"]["ContentPatchBody"], "title">;
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["ContentDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description invalid_state */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        /**
         * Deletes a content item with its image rows (editor+). Image files stay (content-addressed,
         *     possibly shared).
         */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Updates a content item (editor+). Editing an approved item sends it back to `draft`; an
         *     illegal `status` move is 422 `invalid_state`.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["ContentPatchBody"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["ContentDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description invalid_state */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/writer/content/{id}/approve/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** `review` → `approved` (editor+); from any other status 422 `invalid_state`. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["ContentDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description invalid_state */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/writer/content/{id}/publish/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Publishes a content item now (editor+); as `publisher/publish/`. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["ContentDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description invalid_state: not approved, already publishing, or no active integration */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/writer/content/{id}/submit_for_review/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** `draft` → `review` (editor+); from any other status 422 `invalid_state`. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["ContentDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description invalid_state */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/writer/content/{id}/unpublish/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Takes a published item off its site (back to draft in WordPress; editor+): 202, then
         *     `site_status` `not_published`. A later publish brings back the same post.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["ContentDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description invalid_state: not on its site, or no active integration */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/writer/content/bulk_delete/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Deletes many content items (editor+); unknown and other accounts' ids are ignored. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["BulkIdsBody"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["AffectedDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/writer/content/filter_options/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Distinct `status`, `site_status`, `content_type`, `content_structure`, `source` and
         *     `cluster_id` values among content matching the other filters, each led by "All".
         */
        get: {
            parameters: {
                query?: {
                    /** @description Planner cluster. */
                    cluster_id?: number;
                    content_structure?: "" | "article" | "guide" | "comparison" | "review" | "listicle" | "landing_page" | "business_page" | "service_page" | "general" | "cluster_hub" | "product_page" | "category_archive" | "tag_archive" | "attribute_archive";
                    content_type?: "" | "post" | "page" | "product" | "taxonomy";
                    /** @description Case-insensitive substring of the title or primary keyword. */
                    search?: string;
                    /** @description Only this sector. */
                    sector_id?: number;
                    /** @description Only this site. */
                    site_id?: number;
                    site_status?: "" | "not_published" | "scheduled" | "publishing" | "published" | "failed";
                    source?: "" | "igny8" | "wordpress";
                    status?: "" | "draft" | "review" | "approved" | "published";
                    /** @description Writer task. */
                    task_id?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: unknown;
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/writer/content/generate_image_prompts/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Writes image prompts (featured + in-article) per content item with AI (editor+). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Ids"];
                };
            };
            responses: {
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["TaskStarted"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description insufficient_credits: errors {needed, available} */
                402: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description none of the ids is the caller's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/writer/images/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Lists images. Ordering: `position` (default: by content, featured first), `created_at`,
         *     `id`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description Content item. */
                    content_id?: number;
                    image_type?: "" | "featured" | "in_article";
                    /** @description `field` or `-field` (descending); anything else is 400 `validation_failed`. */
                    ordering?: "" | "position" | "-position" | "created_at" | "-created_at" | "id" | "-id";
                    /** @description 1-based page; below 1 reads as 1. */
                    page?: number;
                    /** @description Rows per page (default 25); clamped to 1..=200. */
                    page_size?: number;
                    /** @description Only this site. */
                    site_id?: number;
                    status?: "" | "pending" | "generating" | "generated" | "failed";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            count: number;
                            next: string | null;
                            previous: string | null;
                            request_id: string;
                            results: components["schemas"]["ImageDto"][];
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /**
         * Uploads one image by hand (editor+): multipart `content_id`, `image_type`, `position`
         *     (default 0 for featured) and the file part `file` — PNG, JPEG or WebP as told by its bytes
         *     (the file name is ignored), at most 10 MiB. Into an empty slot: 201; into a slot that has a
         *     row (e.g. a pending AI prompt): 200, that row gets the file. Refused uploads store nothing.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "multipart/form-data": components["schemas"]["ImageUploadForm"];
                };
            };
            responses: {
                /** @description slot already had a row */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["ImageDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["ImageDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed (not PNG/JPEG/WebP, bad slot) */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description content not found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not multipart/form-data */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/writer/images/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One image. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["ImageDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Deletes an image row (editor+). The file stays: names are content hashes and may be shared. */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/writer/images/{id}/file/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Serves an image's stored file with its content type, length, a long private cache and the
         *     SHA-256 as ETag (`If-None-Match` answers 304). Another account's image is 404.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description the file */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "image/*": unknown;
                    };
                };
                304: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/writer/images/filter_options/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Distinct `image_type` and `status` values among images matching the other filters, each
         *     led by "All".
         */
        get: {
            parameters: {
                query?: {
                    /** @description Content item. */
                    content_id?: number;
                    image_type?: "" | "featured" | "in_article";
                    /** @description Only this site. */
                    site_id?: number;
                    status?: "" | "pending" | "generating" | "generated" | "failed";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: unknown;
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/writer/images/generate_images/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Generates the images of image rows (by image id) with AI (editor+). The task's result is
         *     `{count, images_generated, images_failed, total_images, errors}`.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Ids"];
                };
            };
            responses: {
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["TaskStarted"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description insufficient_credits: errors {needed, available} */
                402: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description none of the ids is the caller's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/writer/tasks/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Lists tasks. Ordering: `title`, `created_at` (default `-created_at`), `updated_at`,
         *     `status`, `word_count`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description Planner cluster. */
                    cluster_id?: number;
                    content_structure?: "" | "article" | "guide" | "comparison" | "review" | "listicle" | "landing_page" | "business_page" | "service_page" | "general" | "cluster_hub" | "product_page" | "category_archive" | "tag_archive" | "attribute_archive";
                    content_type?: "" | "post" | "page" | "product" | "taxonomy";
                    /** @description Planner idea. */
                    idea_id?: number;
                    /** @description `field` or `-field` (descending); anything else is 400 `validation_failed`. */
                    ordering?: "" | "title" | "-title" | "created_at" | "-created_at" | "updated_at" | "-updated_at" | "status" | "-status" | "word_count" | "-word_count";
                    /** @description 1-based page; below 1 reads as 1. */
                    page?: number;
                    /** @description Rows per page (default 25); clamped to 1..=200. */
                    page_size?: number;
                    /** @description Case-insensitive substring of the title or keywords. */
                    search?: string;
                    /** @description Only this sector. */
                    sector_id?: number;
                    /** @description Only this site. */
                    site_id?: number;
                    status?: "" | "queued" | "in_progress" | "completed" | "failed";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            count: number;
                            next: string | null;
                            previous: string | null;
                            request_id: string;
                            results: components["schemas"]["TaskDto"][];
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Creates a task (editor+); it starts `queued`. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["TaskCreateBody"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["TaskDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description site not visible */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/writer/tasks/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One task. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["TaskDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /**
         * Full update (PUT): the fields a create requires must be present (400 naming the missing
         *     ones); others keep their values when absent. Then as PATCH.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        title: string;
                    } & WithRequired<components["schemas"]["TaskPatchBody"], "title">;
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["TaskDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description invalid_state */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        /** Deletes a task (editor+); its content stays with `task_id` cleared. */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /**
         * Updates a task's fields and/or status (editor+); an illegal status move is 422
         *     `invalid_state`.
         */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["TaskPatchBody"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["TaskDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description invalid_state */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/writer/tasks/auto_generate_content/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Writes a draft article per writer task with AI (editor+; at most 10 tasks, else 400). */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["TaskIds"];
                };
            };
            responses: {
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["TaskStarted"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description more than 10 ids */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description insufficient_credits: errors {needed, available} */
                402: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description none of the ids is the caller's */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/writer/tasks/bulk_delete/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Deletes many tasks (editor+); unknown and other accounts' ids are ignored. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["BulkIdsBody"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["AffectedDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/writer/tasks/bulk_update/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sets `status`, `cluster_id`, `content_type` and/or `content_structure` on many tasks
         *     (editor+). A status every task cannot take is 422 `invalid_state` and changes nothing.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["TaskBulkUpdateBody"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["AffectedDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description invalid_state */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/writer/tasks/filter_options/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Distinct `status`, `content_type`, `content_structure` and `cluster_id` values among tasks
         *     matching the other filters, each list led by `{"value": "", "label": "All"}`.
         */
        get: {
            parameters: {
                query?: {
                    /** @description Planner cluster. */
                    cluster_id?: number;
                    content_structure?: "" | "article" | "guide" | "comparison" | "review" | "listicle" | "landing_page" | "business_page" | "service_page" | "general" | "cluster_hub" | "product_page" | "category_archive" | "tag_archive" | "attribute_archive";
                    content_type?: "" | "post" | "page" | "product" | "taxonomy";
                    /** @description Planner idea. */
                    idea_id?: number;
                    /** @description Case-insensitive substring of the title or keywords. */
                    search?: string;
                    /** @description Only this sector. */
                    sector_id?: number;
                    /** @description Only this site. */
                    site_id?: number;
                    status?: "" | "queued" | "in_progress" | "completed" | "failed";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: unknown;
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/writer/taxonomies/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lists terms. Ordering: `name` (default), `slug`, `created_at`. */
        get: {
            parameters: {
                query?: {
                    /** @description `field` or `-field` (descending); anything else is 400 `validation_failed`. */
                    ordering?: "" | "name" | "-name" | "slug" | "-slug" | "created_at" | "-created_at";
                    /** @description 1-based page; below 1 reads as 1. */
                    page?: number;
                    /** @description Rows per page (default 25); clamped to 1..=200. */
                    page_size?: number;
                    /** @description Case-insensitive substring of the name or slug. */
                    search?: string;
                    /** @description Only this site. */
                    site_id?: number;
                    taxonomy_type?: "" | "category" | "tag";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            count: number;
                            next: string | null;
                            previous: string | null;
                            request_id: string;
                            results: components["schemas"]["TaxonomyDto"][];
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Creates a term (editor+); a slug taken on the site for that type is 409 `already_exists`. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["TaxonomyCreateBody"];
                };
            };
            responses: {
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["TaxonomyDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description already_exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/writer/taxonomies/{id}/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One term. */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["TaxonomyDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        /**
         * Full update (PUT): the fields a create requires must be present (400 naming the missing
         *     ones); others keep their values when absent. Then as PATCH.
         */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                    } & WithRequired<components["schemas"]["TaxonomyPatchBody"], "name">;
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["TaxonomyDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description already_exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        /** Deletes a term and its links to content (editor+). */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Renames a term or changes its slug / external id (editor+). */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: number;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["TaxonomyPatchBody"];
                };
            };
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: components["schemas"]["TaxonomyDto"];
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description already_exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description payload_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description rate_limited (Retry-After, X-Throttle-*) */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/writer/taxonomies/filter_options/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Distinct `taxonomy_type` and `site_id` (labelled by site name) values among terms matching
         *     the other filters, each led by "All".
         */
        get: {
            parameters: {
                query?: {
                    /** @description Case-insensitive substring of the name or slug. */
                    search?: string;
                    /** @description Only this site. */
                    site_id?: number;
                    taxonomy_type?: "" | "category" | "tag";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: unknown;
                            message?: string;
                            request_id: string;
                            /** @constant */
                            success: true;
                        };
                    };
                };
                /** @description validation_failed, invalid_json or invalid_csv */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description authentication_required, invalid_token or token_expired */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description permission_denied, account_inactive or plan_limit_reached */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description not_found (also another account's object) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description internal_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description unavailable (Retry-After) */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description Account update body. */
        AccountBody: {
            billing_address?: string | null;
            /** @description ISO 3166 alpha-2, or blank. */
            billing_country?: string | null;
            billing_email?: string | null;
            billing_name?: string | null;
            name?: string | null;
            tax_id?: string | null;
            /**
             * @description An IANA time zone name.
             * @enum {string|null}
             */
            timezone?: "Africa/Abidjan" | "Africa/Accra" | "Africa/Addis_Ababa" | "Africa/Algiers" | "Africa/Asmara" | "Africa/Asmera" | "Africa/Bamako" | "Africa/Bangui" | "Africa/Banjul" | "Africa/Bissau" | "Africa/Blantyre" | "Africa/Brazzaville" | "Africa/Bujumbura" | "Africa/Cairo" | "Africa/Casablanca" | "Africa/Ceuta" | "Africa/Conakry" | "Africa/Dakar" | "Africa/Dar_es_Salaam" | "Africa/Djibouti" | "Africa/Douala" | "Africa/El_Aaiun" | "Africa/Freetown" | "Africa/Gaborone" | "Africa/Harare" | "Africa/Johannesburg" | "Africa/Juba" | "Africa/Kampala" | "Africa/Khartoum" | "Africa/Kigali" | "Africa/Kinshasa" | "Africa/Lagos" | "Africa/Libreville" | "Africa/Lome" | "Africa/Luanda" | "Africa/Lubumbashi" | "Africa/Lusaka" | "Africa/Malabo" | "Africa/Maputo" | "Africa/Maseru" | "Africa/Mbabane" | "Africa/Mogadishu" | "Africa/Monrovia" | "Africa/Nairobi" | "Africa/Ndjamena" | "Africa/Niamey" | "Africa/Nouakchott" | "Africa/Ouagadougou" | "Africa/Porto-Novo" | "Africa/Sao_Tome" | "Africa/Timbuktu" | "Africa/Tripoli" | "Africa/Tunis" | "Africa/Windhoek" | "America/Adak" | "America/Anchorage" | "America/Anguilla" | "America/Antigua" | "America/Araguaina" | "America/Argentina/Buenos_Aires" | "America/Argentina/Catamarca" | "America/Argentina/ComodRivadavia" | "America/Argentina/Cordoba" | "America/Argentina/Jujuy" | "America/Argentina/La_Rioja" | "America/Argentina/Mendoza" | "America/Argentina/Rio_Gallegos" | "America/Argentina/Salta" | "America/Argentina/San_Juan" | "America/Argentina/San_Luis" | "America/Argentina/Tucuman" | "America/Argentina/Ushuaia" | "America/Aruba" | "America/Asuncion" | "America/Atikokan" | "America/Atka" | "America/Bahia" | "America/Bahia_Banderas" | "America/Barbados" | "America/Belem" | "America/Belize" | "America/Blanc-Sablon" | "America/Boa_Vista" | "America/Bogota" | "America/Boise" | "America/Buenos_Aires" | "America/Cambridge_Bay" | "America/Campo_Grande" | "America/Cancun" | "America/Caracas" | "America/Catamarca" | "America/Cayenne" | "America/Cayman" | "America/Chicago" | "America/Chihuahua" | "America/Ciudad_Juarez" | "America/Coral_Harbour" | "America/Cordoba" | "America/Costa_Rica" | "America/Coyhaique" | "America/Creston" | "America/Cuiaba" | "America/Curacao" | "America/Danmarkshavn" | "America/Dawson" | "America/Dawson_Creek" | "America/Denver" | "America/Detroit" | "America/Dominica" | "America/Edmonton" | "America/Eirunepe" | "America/El_Salvador" | "America/Ensenada" | "America/Fort_Nelson" | "America/Fort_Wayne" | "America/Fortaleza" | "America/Glace_Bay" | "America/Godthab" | "America/Goose_Bay" | "America/Grand_Turk" | "America/Grenada" | "America/Guadeloupe" | "America/Guatemala" | "America/Guayaquil" | "America/Guyana" | "America/Halifax" | "America/Havana" | "America/Hermosillo" | "America/Indiana/Indianapolis" | "America/Indiana/Knox" | "America/Indiana/Marengo" | "America/Indiana/Petersburg" | "America/Indiana/Tell_City" | "America/Indiana/Vevay" | "America/Indiana/Vincennes" | "America/Indiana/Winamac" | "America/Indianapolis" | "America/Inuvik" | "America/Iqaluit" | "America/Jamaica" | "America/Jujuy" | "America/Juneau" | "America/Kentucky/Louisville" | "America/Kentucky/Monticello" | "America/Knox_IN" | "America/Kralendijk" | "America/La_Paz" | "America/Lima" | "America/Los_Angeles" | "America/Louisville" | "America/Lower_Princes" | "America/Maceio" | "America/Managua" | "America/Manaus" | "America/Marigot" | "America/Martinique" | "America/Matamoros" | "America/Mazatlan" | "America/Mendoza" | "America/Menominee" | "America/Merida" | "America/Metlakatla" | "America/Mexico_City" | "America/Miquelon" | "America/Moncton" | "America/Monterrey" | "America/Montevideo" | "America/Montreal" | "America/Montserrat" | "America/Nassau" | "America/New_York" | "America/Nipigon" | "America/Nome" | "America/Noronha" | "America/North_Dakota/Beulah" | "America/North_Dakota/Center" | "America/North_Dakota/New_Salem" | "America/Nuuk" | "America/Ojinaga" | "America/Panama" | "America/Pangnirtung" | "America/Paramaribo" | "America/Phoenix" | "America/Port-au-Prince" | "America/Port_of_Spain" | "America/Porto_Acre" | "America/Porto_Velho" | "America/Puerto_Rico" | "America/Punta_Arenas" | "America/Rainy_River" | "America/Rankin_Inlet" | "America/Recife" | "America/Regina" | "America/Resolute" | "America/Rio_Branco" | "America/Rosario" | "America/Santa_Isabel" | "America/Santarem" | "America/Santiago" | "America/Santo_Domingo" | "America/Sao_Paulo" | "America/Scoresbysund" | "America/Shiprock" | "America/Sitka" | "America/St_Barthelemy" | "America/St_Johns" | "America/St_Kitts" | "America/St_Lucia" | "America/St_Thomas" | "America/St_Vincent" | "America/Swift_Current" | "America/Tegucigalpa" | "America/Thule" | "America/Thunder_Bay" | "America/Tijuana" | "America/Toronto" | "America/Tortola" | "America/Vancouver" | "America/Virgin" | "America/Whitehorse" | "America/Winnipeg" | "America/Yakutat" | "America/Yellowknife" | "Antarctica/Casey" | "Antarctica/Davis" | "Antarctica/DumontDUrville" | "Antarctica/Macquarie" | "Antarctica/Mawson" | "Antarctica/McMurdo" | "Antarctica/Palmer" | "Antarctica/Rothera" | "Antarctica/South_Pole" | "Antarctica/Syowa" | "Antarctica/Troll" | "Antarctica/Vostok" | "Arctic/Longyearbyen" | "Asia/Aden" | "Asia/Almaty" | "Asia/Amman" | "Asia/Anadyr" | "Asia/Aqtau" | "Asia/Aqtobe" | "Asia/Ashgabat" | "Asia/Ashkhabad" | "Asia/Atyrau" | "Asia/Baghdad" | "Asia/Bahrain" | "Asia/Baku" | "Asia/Bangkok" | "Asia/Barnaul" | "Asia/Beirut" | "Asia/Bishkek" | "Asia/Brunei" | "Asia/Calcutta" | "Asia/Chita" | "Asia/Choibalsan" | "Asia/Chongqing" | "Asia/Chungking" | "Asia/Colombo" | "Asia/Dacca" | "Asia/Damascus" | "Asia/Dhaka" | "Asia/Dili" | "Asia/Dubai" | "Asia/Dushanbe" | "Asia/Famagusta" | "Asia/Gaza" | "Asia/Harbin" | "Asia/Hebron" | "Asia/Ho_Chi_Minh" | "Asia/Hong_Kong" | "Asia/Hovd" | "Asia/Irkutsk" | "Asia/Istanbul" | "Asia/Jakarta" | "Asia/Jayapura" | "Asia/Jerusalem" | "Asia/Kabul" | "Asia/Kamchatka" | "Asia/Karachi" | "Asia/Kashgar" | "Asia/Kathmandu" | "Asia/Katmandu" | "Asia/Khandyga" | "Asia/Kolkata" | "Asia/Krasnoyarsk" | "Asia/Kuala_Lumpur" | "Asia/Kuching" | "Asia/Kuwait" | "Asia/Macao" | "Asia/Macau" | "Asia/Magadan" | "Asia/Makassar" | "Asia/Manila" | "Asia/Muscat" | "Asia/Nicosia" | "Asia/Novokuznetsk" | "Asia/Novosibirsk" | "Asia/Omsk" | "Asia/Oral" | "Asia/Phnom_Penh" | "Asia/Pontianak" | "Asia/Pyongyang" | "Asia/Qatar" | "Asia/Qostanay" | "Asia/Qyzylorda" | "Asia/Rangoon" | "Asia/Riyadh" | "Asia/Saigon" | "Asia/Sakhalin" | "Asia/Samarkand" | "Asia/Seoul" | "Asia/Shanghai" | "Asia/Singapore" | "Asia/Srednekolymsk" | "Asia/Taipei" | "Asia/Tashkent" | "Asia/Tbilisi" | "Asia/Tehran" | "Asia/Tel_Aviv" | "Asia/Thimbu" | "Asia/Thimphu" | "Asia/Tokyo" | "Asia/Tomsk" | "Asia/Ujung_Pandang" | "Asia/Ulaanbaatar" | "Asia/Ulan_Bator" | "Asia/Urumqi" | "Asia/Ust-Nera" | "Asia/Vientiane" | "Asia/Vladivostok" | "Asia/Yakutsk" | "Asia/Yangon" | "Asia/Yekaterinburg" | "Asia/Yerevan" | "Atlantic/Azores" | "Atlantic/Bermuda" | "Atlantic/Canary" | "Atlantic/Cape_Verde" | "Atlantic/Faeroe" | "Atlantic/Faroe" | "Atlantic/Jan_Mayen" | "Atlantic/Madeira" | "Atlantic/Reykjavik" | "Atlantic/South_Georgia" | "Atlantic/St_Helena" | "Atlantic/Stanley" | "Australia/ACT" | "Australia/Adelaide" | "Australia/Brisbane" | "Australia/Broken_Hill" | "Australia/Canberra" | "Australia/Currie" | "Australia/Darwin" | "Australia/Eucla" | "Australia/Hobart" | "Australia/LHI" | "Australia/Lindeman" | "Australia/Lord_Howe" | "Australia/Melbourne" | "Australia/NSW" | "Australia/North" | "Australia/Perth" | "Australia/Queensland" | "Australia/South" | "Australia/Sydney" | "Australia/Tasmania" | "Australia/Victoria" | "Australia/West" | "Australia/Yancowinna" | "Brazil/Acre" | "Brazil/DeNoronha" | "Brazil/East" | "Brazil/West" | "CET" | "CST6CDT" | "Canada/Atlantic" | "Canada/Central" | "Canada/Eastern" | "Canada/Mountain" | "Canada/Newfoundland" | "Canada/Pacific" | "Canada/Saskatchewan" | "Canada/Yukon" | "Chile/Continental" | "Chile/EasterIsland" | "Cuba" | "EET" | "EST" | "EST5EDT" | "Egypt" | "Eire" | "Etc/GMT" | "Etc/GMT+0" | "Etc/GMT+1" | "Etc/GMT+10" | "Etc/GMT+11" | "Etc/GMT+12" | "Etc/GMT+2" | "Etc/GMT+3" | "Etc/GMT+4" | "Etc/GMT+5" | "Etc/GMT+6" | "Etc/GMT+7" | "Etc/GMT+8" | "Etc/GMT+9" | "Etc/GMT-0" | "Etc/GMT-1" | "Etc/GMT-10" | "Etc/GMT-11" | "Etc/GMT-12" | "Etc/GMT-13" | "Etc/GMT-14" | "Etc/GMT-2" | "Etc/GMT-3" | "Etc/GMT-4" | "Etc/GMT-5" | "Etc/GMT-6" | "Etc/GMT-7" | "Etc/GMT-8" | "Etc/GMT-9" | "Etc/GMT0" | "Etc/Greenwich" | "Etc/UCT" | "Etc/UTC" | "Etc/Universal" | "Etc/Zulu" | "Europe/Amsterdam" | "Europe/Andorra" | "Europe/Astrakhan" | "Europe/Athens" | "Europe/Belfast" | "Europe/Belgrade" | "Europe/Berlin" | "Europe/Bratislava" | "Europe/Brussels" | "Europe/Bucharest" | "Europe/Budapest" | "Europe/Busingen" | "Europe/Chisinau" | "Europe/Copenhagen" | "Europe/Dublin" | "Europe/Gibraltar" | "Europe/Guernsey" | "Europe/Helsinki" | "Europe/Isle_of_Man" | "Europe/Istanbul" | "Europe/Jersey" | "Europe/Kaliningrad" | "Europe/Kiev" | "Europe/Kirov" | "Europe/Kyiv" | "Europe/Lisbon" | "Europe/Ljubljana" | "Europe/London" | "Europe/Luxembourg" | "Europe/Madrid" | "Europe/Malta" | "Europe/Mariehamn" | "Europe/Minsk" | "Europe/Monaco" | "Europe/Moscow" | "Europe/Nicosia" | "Europe/Oslo" | "Europe/Paris" | "Europe/Podgorica" | "Europe/Prague" | "Europe/Riga" | "Europe/Rome" | "Europe/Samara" | "Europe/San_Marino" | "Europe/Sarajevo" | "Europe/Saratov" | "Europe/Simferopol" | "Europe/Skopje" | "Europe/Sofia" | "Europe/Stockholm" | "Europe/Tallinn" | "Europe/Tirane" | "Europe/Tiraspol" | "Europe/Ulyanovsk" | "Europe/Uzhgorod" | "Europe/Vaduz" | "Europe/Vatican" | "Europe/Vienna" | "Europe/Vilnius" | "Europe/Volgograd" | "Europe/Warsaw" | "Europe/Zagreb" | "Europe/Zaporozhye" | "Europe/Zurich" | "GB" | "GB-Eire" | "GMT" | "GMT+0" | "GMT-0" | "GMT0" | "Greenwich" | "HST" | "Hongkong" | "Iceland" | "Indian/Antananarivo" | "Indian/Chagos" | "Indian/Christmas" | "Indian/Cocos" | "Indian/Comoro" | "Indian/Kerguelen" | "Indian/Mahe" | "Indian/Maldives" | "Indian/Mauritius" | "Indian/Mayotte" | "Indian/Reunion" | "Iran" | "Israel" | "Jamaica" | "Japan" | "Kwajalein" | "Libya" | "MET" | "MST" | "MST7MDT" | "Mexico/BajaNorte" | "Mexico/BajaSur" | "Mexico/General" | "NZ" | "NZ-CHAT" | "Navajo" | "PRC" | "PST8PDT" | "Pacific/Apia" | "Pacific/Auckland" | "Pacific/Bougainville" | "Pacific/Chatham" | "Pacific/Chuuk" | "Pacific/Easter" | "Pacific/Efate" | "Pacific/Enderbury" | "Pacific/Fakaofo" | "Pacific/Fiji" | "Pacific/Funafuti" | "Pacific/Galapagos" | "Pacific/Gambier" | "Pacific/Guadalcanal" | "Pacific/Guam" | "Pacific/Honolulu" | "Pacific/Johnston" | "Pacific/Kanton" | "Pacific/Kiritimati" | "Pacific/Kosrae" | "Pacific/Kwajalein" | "Pacific/Majuro" | "Pacific/Marquesas" | "Pacific/Midway" | "Pacific/Nauru" | "Pacific/Niue" | "Pacific/Norfolk" | "Pacific/Noumea" | "Pacific/Pago_Pago" | "Pacific/Palau" | "Pacific/Pitcairn" | "Pacific/Pohnpei" | "Pacific/Ponape" | "Pacific/Port_Moresby" | "Pacific/Rarotonga" | "Pacific/Saipan" | "Pacific/Samoa" | "Pacific/Tahiti" | "Pacific/Tarawa" | "Pacific/Tongatapu" | "Pacific/Truk" | "Pacific/Wake" | "Pacific/Wallis" | "Pacific/Yap" | "Poland" | "Portugal" | "ROC" | "ROK" | "Singapore" | "Turkey" | "UCT" | "US/Alaska" | "US/Aleutian" | "US/Arizona" | "US/Central" | "US/East-Indiana" | "US/Eastern" | "US/Hawaii" | "US/Indiana-Starke" | "US/Michigan" | "US/Mountain" | "US/Pacific" | "US/Samoa" | "UTC" | "Universal" | "W-SU" | "WET" | "Zulu" | null;
        };
        /** @description An account with its plan. */
        AccountDto: {
            billing_address: string;
            billing_country: string;
            billing_email: string;
            billing_name: string;
            /** Format: date-time */
            created_at: string;
            id: components["schemas"]["AccountId"];
            name: string;
            plan: components["schemas"]["PlanDto"];
            slug: string;
            status: string;
            tax_id: string;
            timezone: string;
        };
        /**
         * Format: int64
         * @description Id of a tenant account.
         */
        AccountId: number;
        /** @description The account summary embedded in a login user. */
        AccountSummary: {
            id: components["schemas"]["AccountId"];
            name: string;
            slug: string;
            status: string;
        };
        /** @description `keywords/bulk_add_from_seed/` body. */
        AddFromSeedBody: {
            /**
             * Format: int64
             * @description Required; a sector of the site.
             */
            sector_id: number;
            seed_keyword_ids: components["schemas"]["SeedKeywordId"][];
            /**
             * Format: int64
             * @description Required.
             */
            site_id: number;
        };
        /** @description What [`bulk_add_from_seed`] did. */
        AddFromSeedReport: {
            /** @description Keywords created. */
            created: number;
            /** @description Seeds the sector already had. */
            duplicates: number;
            /** @description Ids of the created keywords. */
            keyword_ids: number[];
        };
        /** @description `POST admin/accounts/{id}/adjust_credits/`. */
        AdjustCreditsBody: {
            /**
             * Format: int64
             * @description Positive: added to the bonus pool; negative: taken like spending (plan pool first).
             */
            amount: number;
            /** @description Makes a retried request safe; a fresh key is generated when absent. */
            idempotency_key?: string | null;
            reason: string;
        };
        /** @description The adjustment's ledger rows and the balance after it. */
        AdjustedDto: {
            /** Format: int64 */
            bonus_credits: number;
            /** Format: int64 */
            plan_credits: number;
            /** Format: int64 */
            total: number;
            transactions: components["schemas"]["TransactionDto"][];
        };
        /** @description A payment in the staff review queue. */
        AdminPaymentDto: components["schemas"]["PaymentDto"] & {
            account_id: components["schemas"]["AccountId"];
            reviewed_by?: components["schemas"]["UserId"] | null;
            submitted_by?: components["schemas"]["UserId"] | null;
        };
        /** @description `{"affected": N}`. */
        Affected: {
            affected: number;
        };
        /** @description `{"affected": N}` of a bulk action. */
        AffectedDto: {
            affected: number;
        };
        /**
         * @description The account's AI settings as served: every `null` means "the platform's". The API key itself
         *     is never included.
         */
        AiSettings: {
            /** @description The stored key's last four characters (absent for short keys). */
            api_key_last4?: string | null;
            /** @description The account's OpenAI-compatible API root. */
            base_url?: string | null;
            /** @description True when the account stored its own API key. */
            has_api_key: boolean;
            /** @description `png` or `webp`. */
            image_format?: string | null;
            /** @description Image model, or `offline` to render images locally. */
            image_model?: string | null;
            /** @description Size of generated images, `WxH`. */
            image_size?: string | null;
            /**
             * Format: int32
             * @description In-article images per article (0–8).
             */
            n_in_article_images?: number | null;
            /** @description `offline` or `openai` (any OpenAI-compatible endpoint). */
            provider?: string | null;
            /** @description Chat model. */
            text_model?: string | null;
            /**
             * Format: date-time
             * @description Last change (absent when the account never changed its settings).
             */
            updated_at?: string | null;
        };
        /**
         * @description The body of `PUT ai-settings/`: the whole set of settings. A field that is absent or `null`
         *     goes back to the platform's value, except `api_key`: absent or `null` keeps the stored key,
         *     `""` removes it, any other value replaces it.
         */
        AiSettingsUpdate: {
            /** @description The account's own key; see the type's documentation. */
            api_key?: string | null;
            /** @description `http://` or `https://` URL of an OpenAI-compatible API root. */
            base_url?: string | null;
            /** @description `png` or `webp`. */
            image_format?: string | null;
            /** @description Image model, or `offline`. */
            image_model?: string | null;
            /** @description `WxH`, 64–4096 pixels per side. */
            image_size?: string | null;
            /**
             * Format: int64
             * @description In-article images per article (0–8).
             */
            n_in_article_images?: number | null;
            /** @description `offline` or `openai`. */
            provider?: string | null;
            /** @description Chat model. */
            text_model?: string | null;
        };
        /** @description An AI task as stored and served. */
        AiTask: {
            /**
             * Format: int32
             * @description Runs so far (a retried job counts again).
             */
            attempts: number;
            /**
             * Format: date-time
             * @description Created.
             */
            created_at: string;
            /** @description Why it failed. */
            error?: string | null;
            /**
             * Format: date-time
             * @description Completed or failed.
             */
            finished_at?: string | null;
            /** @description The function. */
            function: components["schemas"]["Function"];
            /** @description Id. */
            id: components["schemas"]["AiTaskId"];
            /** @description The request (ids only). */
            input: unknown;
            /**
             * @description What it is doing right now, when that is worth saying (`retrying (attempt 2 of 3):
             *     the AI provider timed out after 30 s ...`); cleared as it moves on.
             */
            message?: string | null;
            /** @description Its phase. */
            phase: components["schemas"]["Phase"];
            /**
             * Format: int32
             * @description 0–100.
             */
            progress: number;
            /** @description What was produced (counts, ids). */
            result?: unknown;
            /**
             * Format: date-time
             * @description First started.
             */
            started_at?: string | null;
            /** @description Where it is in its life. */
            status: components["schemas"]["Status"];
        };
        /**
         * Format: int64
         * @description Id of an AI task.
         */
        AiTaskId: number;
        /** @description A reviewed payment with its invoice. */
        ApprovedDto: {
            invoice: components["schemas"]["InvoiceDto"];
            payment: components["schemas"]["AdminPaymentDto"];
        };
        /** @description Tokens and the signed-in user. */
        AuthResponse: {
            access: string;
            /** Format: date-time */
            access_expires_at: string;
            account: components["schemas"]["AccountDto"];
            next_action?: components["schemas"]["NextActionDto"] | null;
            refresh: string;
            /** Format: date-time */
            refresh_expires_at: string;
            user: components["schemas"]["LoginUser"];
        };
        /** @description A site's automation config. */
        AutomationConfig: {
            /** @description Review stage approves content itself (otherwise it waits for a person). */
            auto_approve: boolean;
            /**
             * Format: int32
             * @description Seconds between stages (0 allowed).
             */
            between_stage_delay_secs: number;
            /**
             * Format: date-time
             * @description Created.
             */
            created_at: string;
            /** @description Scheduled runs on. */
            enabled: boolean;
            /** @description How often scheduled runs start. */
            frequency: components["schemas"]["Frequency"];
            /** @description Id. */
            id: components["schemas"]["AutomationConfigId"];
            /**
             * Format: date-time
             * @description When the last scheduled or manual run started.
             */
            last_run_at?: string | null;
            /**
             * Format: int32
             * @description Most clusters given ideas per run.
             */
            max_clusters_per_run?: number | null;
            /**
             * Format: int32
             * @description Most articles given image prompts per run.
             */
            max_content_per_run?: number | null;
            /**
             * Format: int64
             * @description Most credits a run may spend.
             */
            max_credits_per_run?: number | null;
            /**
             * Format: int32
             * @description Most ideas turned into tasks per run.
             */
            max_ideas_per_run?: number | null;
            /**
             * Format: int32
             * @description Most images generated per run.
             */
            max_images_per_run?: number | null;
            /**
             * Format: int32
             * @description Most keywords clustered per run (null: no cap).
             */
            max_keywords_per_run?: number | null;
            /**
             * Format: int32
             * @description Most tasks written per run.
             */
            max_tasks_per_run?: number | null;
            /**
             * Format: date-time
             * @description When the next scheduled run is due (null while disabled).
             */
            next_run_at?: string | null;
            /**
             * Format: int32
             * @description Monthly runs: day of the month (1–28).
             */
            scheduled_day_of_month: number;
            /**
             * Format: int32
             * @description Hour of the day (0–23) in the account's time zone.
             */
            scheduled_hour: number;
            /**
             * Format: int32
             * @description Weekly runs: ISO weekday, 1 = Monday … 7 = Sunday.
             */
            scheduled_weekday: number;
            /** @description The site. */
            site_id: components["schemas"]["SiteId"];
            /**
             * Format: int32
             * @description Keywords per clustering batch.
             */
            stage_1_batch_size: number;
            /**
             * Format: int32
             * @description Clusters per idea batch.
             */
            stage_2_batch_size: number;
            /**
             * Format: int32
             * @description Ideas per task batch.
             */
            stage_3_batch_size: number;
            /**
             * Format: int32
             * @description Tasks per writing batch.
             */
            stage_4_batch_size: number;
            /**
             * Format: int32
             * @description Articles per image-prompt batch.
             */
            stage_5_batch_size: number;
            /**
             * Format: int32
             * @description Images per generation batch.
             */
            stage_6_batch_size: number;
            /**
             * Format: date-time
             * @description Updated.
             */
            updated_at: string;
            /**
             * Format: int32
             * @description Seconds between batches of a stage (0 allowed).
             */
            within_stage_delay_secs: number;
        };
        /**
         * Format: int64
         * @description Id of an automation config (one per site).
         */
        AutomationConfigId: number;
        /**
         * Format: int64
         * @description Id of an automation run event.
         */
        AutomationEventId: number;
        /**
         * Format: int64
         * @description Id of an automation run.
         */
        AutomationRunId: number;
        /** @description Pending items per stage when a run started (or now, for the overview). */
        Backlog: {
            /**
             * Format: int64
             * @description Clusters waiting for ideas.
             */
            clusters: number;
            /**
             * Format: int64
             * @description Articles waiting for image prompts.
             */
            content: number;
            /**
             * Format: int64
             * @description Ideas waiting for a task.
             */
            ideas: number;
            /**
             * Format: int64
             * @description Images waiting for generation.
             */
            images: number;
            /**
             * Format: int64
             * @description Keywords waiting for clustering.
             */
            keywords: number;
            /**
             * Format: int64
             * @description Content ready for review.
             */
            review: number;
            /**
             * Format: int64
             * @description Tasks waiting for an article.
             */
            tasks: number;
        };
        /** @description Both pools, the plan's credits per period and the period end. */
        BalanceDto: {
            /** Format: int64 */
            bonus_credits: number;
            /** Format: date-time */
            period_end?: string | null;
            /** Format: int64 */
            plan_credits: number;
            /** Format: int64 */
            plan_credits_per_month: number;
            /** Format: int64 */
            total: number;
        };
        /** @description The customer's billing contact as it was when the invoice was issued. */
        BillingContact: {
            /** @description Account name. */
            account_name: string;
            /** @description Postal address. */
            address: string;
            /** @description ISO 3166 alpha-2 country. */
            country: string;
            /** @description Billing email. */
            email: string;
            /** @description Billing contact name. */
            name: string;
            /** @description Tax id. */
            tax_id: string;
        };
        /** @enum {string} */
        BillingCycle: "monthly" | "annual";
        /** @description `{"ids": [...]}` of a bulk action (at most 1,000). */
        BulkIds: {
            ids: number[];
        };
        /** @description `{"ids": [...]}` of a bulk action (at most 1,000). */
        BulkIdsBody: {
            ids: number[];
        };
        /** @description `POST subscription/change_plan/`. */
        ChangePlanBody: {
            billing_cycle?: components["schemas"]["BillingCycle"] | null;
            plan_slug: string;
        };
        /** @description Outcome of a connection check. */
        CheckOutcome: {
            /** @description WordPress's error code, when it failed. */
            error_code?: string | null;
            /**
             * Format: int32
             * @description The HTTP status, when it failed with one.
             */
            http_status?: number | null;
            /** @description What the site said (the user name, the plugin version) or what went wrong. */
            message: string;
            /** @description Whether the site accepted us. */
            success: boolean;
        };
        /** @description New cluster. */
        ClusterBody: {
            description?: string | null;
            disabled?: boolean | null;
            name: string;
            /**
             * Format: int64
             * @description Required; a sector of the site.
             */
            sector_id: number;
            /**
             * Format: int64
             * @description Required.
             */
            site_id: number;
            status?: components["schemas"]["MappingStatus"] | null;
        };
        /** @description A cluster with its aggregates. */
        ClusterDto: {
            /** Format: int64 */
            content_count: number;
            /** Format: date-time */
            created_at: string;
            description: string;
            /** Format: int32 */
            difficulty?: number | null;
            disabled: boolean;
            id: components["schemas"]["ClusterId"];
            /** Format: int64 */
            ideas_count: number;
            /** Format: int64 */
            keywords_count: number;
            name: string;
            sector_id: components["schemas"]["SectorId"];
            site_id: components["schemas"]["SiteId"];
            status: components["schemas"]["MappingStatus"];
            /** Format: date-time */
            updated_at: string;
            /** Format: int64 */
            volume: number;
        };
        /**
         * Format: int64
         * @description Id of a cluster.
         */
        ClusterId: number;
        /** @description `{"cluster_ids": [..]}`. */
        ClusterIds: {
            /** @description Clusters to write ideas for (at most 1,000). */
            cluster_ids: number[];
        };
        /** @description Cluster changes. */
        ClusterPatch: {
            description?: string | null;
            disabled?: boolean | null;
            name?: string | null;
            status?: components["schemas"]["MappingStatus"] | null;
        };
        /** @description The fields `update_config/` accepts; absent fields keep their value. A cap of 0 removes it. */
        ConfigBody: {
            /** @description Review approves by itself. */
            auto_approve?: boolean | null;
            /**
             * Format: int32
             * @description Seconds between stages (0–3600; 0 allowed).
             */
            between_stage_delay_secs?: number | null;
            /** @description Scheduled runs on or off. */
            enabled?: boolean | null;
            /** @enum {string|null} */
            frequency?: "daily" | "weekly" | "monthly" | null;
            /**
             * Format: int32
             * @description Cap on clusters given ideas per run.
             */
            max_clusters_per_run?: number | null;
            /**
             * Format: int32
             * @description Cap on articles given image prompts per run.
             */
            max_content_per_run?: number | null;
            /**
             * Format: int64
             * @description Cap on credits a run may spend (0 = none).
             */
            max_credits_per_run?: number | null;
            /**
             * Format: int32
             * @description Cap on ideas turned into tasks per run.
             */
            max_ideas_per_run?: number | null;
            /**
             * Format: int32
             * @description Cap on images generated per run.
             */
            max_images_per_run?: number | null;
            /**
             * Format: int32
             * @description Cap on keywords clustered per run (0 = none).
             */
            max_keywords_per_run?: number | null;
            /**
             * Format: int32
             * @description Cap on tasks written per run.
             */
            max_tasks_per_run?: number | null;
            /**
             * Format: int32
             * @description 1–28, monthly runs.
             */
            scheduled_day_of_month?: number | null;
            /**
             * Format: int32
             * @description 0–23, in the account's time zone.
             */
            scheduled_hour?: number | null;
            /**
             * Format: int32
             * @description 1 (Monday) – 7 (Sunday), weekly runs.
             */
            scheduled_weekday?: number | null;
            /**
             * Format: int32
             * @description Keywords per clustering batch (1–1000; default 20).
             */
            stage_1_batch_size?: number | null;
            /**
             * Format: int32
             * @description Clusters per idea batch.
             */
            stage_2_batch_size?: number | null;
            /**
             * Format: int32
             * @description Ideas per task batch.
             */
            stage_3_batch_size?: number | null;
            /**
             * Format: int32
             * @description Tasks per writing batch.
             */
            stage_4_batch_size?: number | null;
            /**
             * Format: int32
             * @description Articles per image-prompt batch.
             */
            stage_5_batch_size?: number | null;
            /**
             * Format: int32
             * @description Images per generation batch.
             */
            stage_6_batch_size?: number | null;
            /**
             * Format: int32
             * @description Seconds between batches (0–3600; 0 allowed).
             */
            within_stage_delay_secs?: number | null;
        };
        /** @enum {string} */
        ConnectionStatus: "unknown" | "connected" | "error";
        /** @description A content item to create; it starts as a `draft`. */
        ContentCreateBody: {
            /** @description Category names; missing categories of the site are created. */
            categories?: string[] | null;
            /** Format: int64 */
            cluster_id?: number | null;
            /** @description HTML; sanitized before it is stored. */
            content_html?: string | null;
            content_structure?: components["schemas"]["ContentStructure"] | null;
            content_type?: components["schemas"]["ContentType"] | null;
            meta_description?: string | null;
            /** @description ≤ 60 characters recommended, 255 at most. */
            meta_title?: string | null;
            primary_keyword?: string | null;
            secondary_keywords?: string[] | null;
            /** Format: int64 */
            sector_id: number;
            /** Format: int64 */
            site_id: number;
            /** @description Tag names; missing tags of the site are created. */
            tags?: string[] | null;
            /**
             * Format: int64
             * @description The task it is written for (same site and sector).
             */
            task_id?: number | null;
            title: string;
        };
        /** @description A content item. `tags` and `categories` are lists of term names. */
        ContentDto: {
            categories: string[];
            cluster_id?: components["schemas"]["ClusterId"] | null;
            /** @description Sanitized HTML. */
            content_html: string;
            content_structure: components["schemas"]["ContentStructure"];
            content_type: components["schemas"]["ContentType"];
            /** Format: date-time */
            created_at: string;
            external_id?: string | null;
            external_url?: string | null;
            id: components["schemas"]["ContentId"];
            idea_id?: components["schemas"]["IdeaId"] | null;
            meta_description: string;
            meta_title: string;
            primary_keyword: string;
            /**
             * Format: date-time
             * @description When it last went live on its site.
             */
            published_at?: string | null;
            /** Format: date-time */
            scheduled_publish_at?: string | null;
            secondary_keywords: string[];
            sector_id: components["schemas"]["SectorId"];
            site_id: components["schemas"]["SiteId"];
            site_status: components["schemas"]["SiteStatus"];
            source: components["schemas"]["ContentSource"];
            status: components["schemas"]["ContentStatus"];
            tags: string[];
            task_id?: components["schemas"]["TaskId"] | null;
            title: string;
            /** Format: date-time */
            updated_at: string;
            /**
             * Format: int32
             * @description Words in the text of `content_html`.
             */
            word_count: number;
        };
        /**
         * Format: int64
         * @description Id of a content item.
         */
        ContentId: number;
        /** @description A change to a content item. Editing an approved item sends it back to `draft`. */
        ContentPatchBody: {
            categories?: string[] | null;
            /** Format: int64 */
            cluster_id?: number | null;
            content_html?: string | null;
            content_structure?: components["schemas"]["ContentStructure"] | null;
            content_type?: components["schemas"]["ContentType"] | null;
            meta_description?: string | null;
            meta_title?: string | null;
            primary_keyword?: string | null;
            secondary_keywords?: string[] | null;
            status?: components["schemas"]["ContentStatus"] | null;
            tags?: string[] | null;
            title?: string | null;
        };
        /** @enum {string} */
        ContentSource: "igny8" | "wordpress";
        /** @enum {string} */
        ContentStatus: "draft" | "review" | "approved" | "published";
        /** @enum {string} */
        ContentStructure: "article" | "guide" | "comparison" | "review" | "listicle" | "landing_page" | "business_page" | "service_page" | "general" | "cluster_hub" | "product_page" | "category_archive" | "tag_archive" | "attribute_archive";
        /** @enum {string} */
        ContentType: "post" | "page" | "product" | "taxonomy";
        /** @description What a "create tasks" call did. */
        CreatedTasks: {
            /** @description Ideas that already had a task (nothing new made for them). */
            already_queued: number;
            /** @description Tasks created now. */
            created: number;
            /** @description The new tasks' ids. */
            task_ids: components["schemas"]["TaskId"][];
        };
        /** @description A credit package on sale. */
        CreditPackageDto: {
            /** Format: int64 */
            credits: number;
            currency: string;
            id: components["schemas"]["CreditPackageId"];
            name: string;
            /** Format: int64 */
            price_cents: number;
            slug: string;
        };
        /**
         * Format: int64
         * @description Id of a credit package.
         */
        CreditPackageId: number;
        /**
         * Format: int64
         * @description Id of a credit ledger row.
         */
        CreditTransactionId: number;
        Error: {
            /**
             * @description Stable; see the error table of docs/API.md.
             * @enum {string}
             */
            code: "validation_failed" | "invalid_json" | "invalid_csv" | "authentication_required" | "invalid_token" | "token_expired" | "invalid_credentials" | "insufficient_credits" | "permission_denied" | "account_inactive" | "plan_limit_reached" | "not_found" | "method_not_allowed" | "conflict" | "already_exists" | "run_in_progress" | "payload_too_large" | "unsupported_media_type" | "invalid_state" | "invalid_signature" | "remote_error" | "rate_limited" | "internal_error" | "unavailable";
            /** @description A sentence for people. */
            error: string;
            /** @description Validation failures: field (or JSON path, or parameter) to messages; some codes carry details (`needed`, `available`, `run_id`). */
            errors?: Record<string, never>;
            request_id: string;
            /** @constant */
            success: false;
        };
        /** @enum {string} */
        EventKind: "run_started" | "stage_started" | "stage_progress" | "stage_completed" | "run_paused" | "run_resumed" | "run_cancelled" | "run_completed" | "run_failed" | "error";
        /** @enum {string} */
        Frequency: "daily" | "weekly" | "monthly";
        /** @enum {string} */
        Function: "auto_cluster" | "generate_ideas" | "generate_content" | "generate_image_prompts" | "generate_images";
        /** @description Which site's key to make. */
        GenerateKeyBody: {
            /** Format: int64 */
            site_id: number;
        };
        /** @description Site-access grant body. */
        GrantBody: {
            site_id: components["schemas"]["SiteId"];
            user_id: components["schemas"]["UserId"];
        };
        /** @description New idea. */
        IdeaBody: {
            cluster_id?: components["schemas"]["ClusterId"] | null;
            content_structure?: components["schemas"]["ContentStructure"] | null;
            content_type?: components["schemas"]["ContentType"] | null;
            description?: string | null;
            /** Format: int32 */
            estimated_word_count?: number | null;
            idea_title: string;
            keyword_ids?: components["schemas"]["KeywordId"][];
            outline?: components["schemas"]["Outline"] | null;
            /**
             * Format: int64
             * @description Required; a sector of the site.
             */
            sector_id: number;
            /**
             * Format: int64
             * @description Required.
             */
            site_id: number;
            status?: components["schemas"]["IdeaStatus"] | null;
        };
        /** @description A content idea. */
        IdeaDto: {
            cluster_id?: components["schemas"]["ClusterId"] | null;
            content_structure: components["schemas"]["ContentStructure"];
            content_type: components["schemas"]["ContentType"];
            /** Format: date-time */
            created_at: string;
            description: string;
            /** Format: int32 */
            estimated_word_count: number;
            id: components["schemas"]["IdeaId"];
            idea_title: string;
            keyword_ids: components["schemas"]["KeywordId"][];
            outline: components["schemas"]["Outline"];
            sector_id: components["schemas"]["SectorId"];
            site_id: components["schemas"]["SiteId"];
            status: components["schemas"]["IdeaStatus"];
            /** Format: date-time */
            updated_at: string;
        };
        /**
         * Format: int64
         * @description Id of a content idea.
         */
        IdeaId: number;
        /** @description Idea changes; `keyword_ids` replaces the list. */
        IdeaPatch: {
            /** Format: int64 */
            cluster_id?: number | null;
            content_structure?: components["schemas"]["ContentStructure"] | null;
            content_type?: components["schemas"]["ContentType"] | null;
            description?: string | null;
            /** Format: int32 */
            estimated_word_count?: number | null;
            idea_title?: string | null;
            keyword_ids?: components["schemas"]["KeywordId"][] | null;
            outline?: components["schemas"]["Outline"] | null;
            status?: components["schemas"]["IdeaStatus"] | null;
        };
        /**
         * @description Life cycle of a content idea.
         * @enum {string}
         */
        IdeaStatus: "new" | "queued" | "completed";
        /** @description `{"ids": [..]}`. */
        Ids: {
            /** @description Ids of the objects to process. */
            ids: number[];
        };
        /** @description An image of a content item. `url` is the file route for stored files. */
        ImageDto: {
            /** Format: int64 */
            byte_size?: number | null;
            content_id: components["schemas"]["ContentId"];
            /** Format: date-time */
            created_at: string;
            format?: components["schemas"]["ImageFormat"] | null;
            /** Format: int32 */
            height?: number | null;
            id: components["schemas"]["ImageId"];
            image_type: components["schemas"]["ImageType"];
            /** Format: int32 */
            position: number;
            prompt: string;
            status: components["schemas"]["ImageStatus"];
            /** Format: date-time */
            updated_at: string;
            url?: string | null;
            /** Format: int32 */
            width?: number | null;
        };
        /** @enum {string} */
        ImageFormat: "png" | "jpeg" | "webp";
        /**
         * Format: int64
         * @description Id of an image.
         */
        ImageId: number;
        /** @enum {string} */
        ImageStatus: "pending" | "generating" | "generated" | "failed";
        /** @enum {string} */
        ImageType: "featured" | "in_article";
        /** @description The multipart form of `POST images/` (documentation only: the handler streams it). */
        ImageUploadForm: {
            /** Format: int64 */
            content_id: number;
            /**
             * Format: binary
             * @description PNG, JPEG or WebP (checked by its bytes), at most 10 MiB.
             */
            file: string;
            /** @description `featured` or `in_article`. */
            image_type: components["schemas"]["ImageType"];
            /**
             * Format: int32
             * @description 0 for featured (the default), 1..N for in-article.
             */
            position: number;
        } & ({
            /** @constant */
            image_type?: "featured";
            /** @constant */
            position?: 0;
        } | {
            /** @constant */
            image_type?: "in_article";
            position: unknown;
        });
        /** @description `keywords/import_csv/` as multipart/form-data. */
        ImportForm: {
            /**
             * Format: binary
             * @description The CSV file (comma, semicolon or tab; UTF-8 or UTF-16).
             */
            file: string;
            /** Format: int64 */
            sector_id: number;
            /** Format: int64 */
            site_id: number;
        };
        /** @description What an import did. `created + duplicates + skipped == total_rows`. */
        ImportReport: {
            /**
             * Format: int64
             * @description Keywords added.
             */
            created: number;
            /**
             * Format: int64
             * @description Rows whose keyword repeats an earlier row or already exists in the sector.
             */
            duplicates: number;
            /** @description The first 100 skipped rows with reasons, by row. */
            errors: components["schemas"]["RowError"][];
            /**
             * Format: int64
             * @description Rows not imported: invalid, or beyond the plan's keyword limit.
             */
            skipped: number;
            /**
             * Format: int64
             * @description Data rows read (blank rows excluded).
             */
            total_rows: number;
        };
        /** @description An industry with its sectors. */
        IndustryDto: {
            description: string;
            id: components["schemas"]["IndustryId"];
            name: string;
            sectors: components["schemas"]["IndustrySectorDto"][];
            slug: string;
        };
        /**
         * Format: int64
         * @description Id of a global industry.
         */
        IndustryId: number;
        /** @description A sector template of an industry. */
        IndustrySectorDto: {
            description: string;
            id: components["schemas"]["IndustrySectorId"];
            name: string;
            slug: string;
        };
        /**
         * Format: int64
         * @description Id of a global industry sector template.
         */
        IndustrySectorId: number;
        /**
         * @description A new integration. Core mode (the default) needs `username` and an application password
         *     (WordPress → Users → Profile → Application Passwords); bridge mode needs the IGNY8 plugin
         *     with the site key.
         */
        IntegrationBody: {
            /** @description Stored encrypted; never returned. */
            app_password?: string | null;
            is_active?: boolean | null;
            mode?: components["schemas"]["Mode"] | null;
            /** Format: int64 */
            site_id: number;
            /** @description The WordPress site's address (http or https, no query or credentials). */
            site_url: string;
            sync_enabled?: boolean | null;
            username?: string | null;
        } | {
            /** @constant */
            mode: "bridge";
        } | {
            app_password: unknown;
            username: unknown;
        };
        /** @description A site's WordPress integration. The application password is never returned. */
        IntegrationDto: {
            connection_status: components["schemas"]["ConnectionStatus"];
            /** Format: date-time */
            created_at: string;
            /** @description True when an application password is stored (it is never shown). */
            has_app_password: boolean;
            id: components["schemas"]["IntegrationId"];
            is_active: boolean;
            /** Format: date-time */
            last_checked_at?: string | null;
            last_error?: string | null;
            /** Format: date-time */
            last_sync_at?: string | null;
            mode: components["schemas"]["Mode"];
            platform: components["schemas"]["Platform"];
            site_id: components["schemas"]["SiteId"];
            /** @description Post types and taxonomies the plugin pushed. */
            site_structure: Record<string, never>;
            site_url: string;
            sync_enabled: boolean;
            sync_status: components["schemas"]["SyncStatus"];
            /** Format: date-time */
            updated_at: string;
            /** @description Core mode: the WordPress user of the application password. */
            username: string;
        };
        /**
         * Format: int64
         * @description Id of a site's publishing integration (`integration_sites`).
         */
        IntegrationId: number;
        /**
         * @description Changes to an integration. Switching to core mode without a stored password needs one
         *     (422 `invalid_state` otherwise).
         */
        IntegrationPatchBody: {
            app_password?: string | null;
            is_active?: boolean | null;
            mode?: components["schemas"]["Mode"] | null;
            site_url?: string | null;
            sync_enabled?: boolean | null;
            username?: string | null;
        };
        /**
         * @description Search intent of a keyword.
         * @enum {string}
         */
        Intent: "informational" | "navigational" | "commercial" | "transactional";
        /** @description An invoice. */
        InvoiceDto: {
            /** @description The billing contact as it was when the invoice was issued. */
            billing_contact: components["schemas"]["BillingContact"];
            billing_cycle?: string | null;
            /**
             * Format: int64
             * @description Credits a credit-package invoice adds when paid.
             */
            credits: number;
            currency: string;
            id: components["schemas"]["InvoiceId"];
            invoice_number: string;
            /** @description subscription, credit_package, addon, custom */
            invoice_type: string;
            /** Format: date-time */
            issued_at: string;
            line_items: components["schemas"]["LineItem"][];
            /** Format: date-time */
            paid_at?: string | null;
            /** Format: date-time */
            period_end?: string | null;
            /** Format: date-time */
            period_start?: string | null;
            /** @description draft, pending, paid, void, uncollectible */
            status: string;
            /** Format: int64 */
            subtotal_cents: number;
            /** Format: int64 */
            tax_cents: number;
            /** Format: int64 */
            total_cents: number;
            void_reason?: string | null;
            /** Format: date-time */
            voided_at?: string | null;
        };
        /**
         * Format: int64
         * @description Id of an invoice.
         */
        InvoiceId: number;
        /** @description ISO weekday: 1 = Monday … 7 = Sunday. */
        IsoDay: number;
        /** @description Why one item was skipped or failed. */
        ItemReason: {
            /**
             * Format: int64
             * @description The item's id.
             */
            item_id: number;
            /** @description `skipped` or `failed`. */
            outcome: components["schemas"]["Outcome"];
            /** @description Why. */
            reason: string;
        };
        /** @description New keyword. */
        KeywordBody: {
            cluster_id?: components["schemas"]["ClusterId"] | null;
            country?: string | null;
            /** Format: int32 */
            cpc_cents?: number | null;
            /** Format: int32 */
            difficulty?: number | null;
            disabled?: boolean | null;
            intent?: components["schemas"]["Intent"] | null;
            keyword: string;
            /**
             * Format: int64
             * @description Required; a sector of the site.
             */
            sector_id: number;
            /**
             * Format: int64
             * @description Required.
             */
            site_id: number;
            status?: components["schemas"]["MappingStatus"] | null;
            /** Format: int32 */
            volume?: number | null;
        };
        /** @description `keywords/bulk_update/` body. */
        KeywordBulkUpdate: {
            /** Format: int64 */
            cluster_id?: number | null;
            disabled?: boolean | null;
            ids: components["schemas"]["KeywordId"][];
            status?: components["schemas"]["MappingStatus"] | null;
        } | {
            status: unknown;
        } | {
            disabled: unknown;
        } | unknown;
        /** @description A keyword. */
        KeywordDto: {
            cluster_id?: components["schemas"]["ClusterId"] | null;
            country?: string | null;
            /** Format: int32 */
            cpc_cents?: number | null;
            /** Format: date-time */
            created_at: string;
            /** Format: int32 */
            difficulty?: number | null;
            disabled: boolean;
            id: components["schemas"]["KeywordId"];
            intent?: components["schemas"]["Intent"] | null;
            keyword: string;
            sector_id: components["schemas"]["SectorId"];
            seed_keyword_id?: components["schemas"]["SeedKeywordId"] | null;
            site_id: components["schemas"]["SiteId"];
            status: components["schemas"]["MappingStatus"];
            /** Format: date-time */
            updated_at: string;
            /**
             * Format: int32
             * @description Monthly search volume; null when unknown (an import without a volume column).
             */
            volume?: number | null;
        };
        /**
         * Format: int64
         * @description Id of a keyword.
         */
        KeywordId: number;
        /** @description `{"keyword_ids": [..]}`. */
        KeywordIds: {
            /** @description Keywords to cluster (at most 1,000). */
            keyword_ids: number[];
        };
        /** @description Keyword changes; `null` clears a nullable field. */
        KeywordPatch: {
            /** Format: int64 */
            cluster_id?: number | null;
            country?: string | null;
            /** Format: int32 */
            cpc_cents?: number | null;
            /** Format: int32 */
            difficulty?: number | null;
            disabled?: boolean | null;
            intent?: components["schemas"]["Intent"] | null;
            keyword?: string | null;
            status?: components["schemas"]["MappingStatus"] | null;
            /** Format: int32 */
            volume?: number | null;
        };
        /** @description Used against the plan's limit. */
        LimitDto: {
            /** Format: int64 */
            limit: number;
            /** Format: int64 */
            used: number;
        };
        /** @description Sites, users and keywords used against the plan. */
        LimitsDto: {
            keywords: components["schemas"]["LimitDto"];
            sites: components["schemas"]["LimitDto"];
            users: components["schemas"]["LimitDto"];
        };
        /** @description One line of an invoice. */
        LineItem: {
            /**
             * Format: int64
             * @description quantity × unit price.
             */
            amount_cents: number;
            /** @description What is billed. */
            description: string;
            /**
             * Format: int64
             * @description How many.
             */
            quantity: number;
            /**
             * Format: int64
             * @description Price of one, in minor units.
             */
            unit_price_cents: number;
        };
        /** @description Login body. */
        LoginBody: {
            email: string;
            password: string;
        };
        /** @description The user of a login response. */
        LoginUser: {
            account: components["schemas"]["AccountSummary"];
            email: string;
            first_name: string;
            id: components["schemas"]["UserId"];
            last_name: string;
            role: components["schemas"]["Role"];
        };
        /** @description `POST payments/manual/`. */
        ManualPaymentBody: {
            invoice_id: components["schemas"]["InvoiceId"];
            /** @enum {string} */
            payment_method: "bank_transfer" | "local_wallet" | "manual";
            transaction_reference: string;
        };
        /**
         * @description Whether a keyword (or cluster) is mapped.
         * @enum {string}
         */
        MappingStatus: "new" | "mapped";
        /** @description `me/` update body. */
        MeBody: {
            first_name?: string | null;
            last_name?: string | null;
        };
        /** @enum {string} */
        Mode: "core" | "bridge";
        /** @description New team member. */
        NewUserBody: {
            email: string;
            first_name?: string;
            last_name?: string;
            password: string;
            role: components["schemas"]["Role"];
        };
        /**
         * @description What to do next to pay: `{"type": "manual_payment", "instructions": ...}` or
         *     `{"type": "checkout", "url": ...}`.
         */
        NextActionDto: {
            instructions: string;
            /** @enum {string} */
            type: "manual_payment";
        } | {
            /** @enum {string} */
            type: "checkout";
            url: string;
        };
        /** @description A notification. */
        Notification: {
            /**
             * Format: date-time
             * @description Created.
             */
            created_at: string;
            /** @description Structured reference (e.g. `{"ai_task_id": 7}`). */
            data: unknown;
            /** @description Id. */
            id: components["schemas"]["NotificationId"];
            /** @description What happened (`ai_task.completed`, `payment.approved`, ...). */
            kind: string;
            /** @description `info`, `success`, `warning` or `error`. */
            level: string;
            /** @description Longer text. */
            message: string;
            /**
             * Format: date-time
             * @description When it was read.
             */
            read_at?: string | null;
            /** @description Short title. */
            title: string;
        };
        /**
         * Format: int64
         * @description Id of a notification.
         */
        NotificationId: number;
        /** @enum {string} */
        Outcome: "saved" | "skipped" | "failed";
        /** @description An idea's outline: ordered sections. */
        Outline: {
            /** @description Sections in reading order. */
            sections?: components["schemas"]["OutlineSection"][];
        };
        /** @description One section of an idea's outline. */
        OutlineSection: {
            /** @description The section heading (an H2). */
            heading: string;
            /** @description What the section covers. */
            notes?: string;
        };
        /** @description Password change body. */
        PasswordChangeBody: {
            new_password: string;
            old_password: string;
        };
        /** @description Password reset request body. */
        PasswordResetBody: {
            email: string;
        };
        /** @description Password reset confirmation body. */
        PasswordResetConfirmBody: {
            new_password: string;
            token: string;
        };
        /** @description A payment. */
        PaymentDto: {
            /** Format: int64 */
            amount_cents: number;
            /** Format: date-time */
            created_at: string;
            currency: string;
            failure_reason?: string | null;
            id: components["schemas"]["PaymentId"];
            invoice_id: components["schemas"]["InvoiceId"];
            /** @description bank_transfer, local_wallet, manual, stripe, paypal */
            payment_method: string;
            /** Format: date-time */
            reviewed_at?: string | null;
            /** @description pending_approval, succeeded, failed, refunded, cancelled */
            status: string;
            transaction_reference: string;
        };
        /**
         * Format: int64
         * @description Id of a payment.
         */
        PaymentId: number;
        /** @enum {string} */
        Phase: "INIT" | "PREP" | "AI_CALL" | "PARSE" | "SAVE" | "DONE";
        /** @description Health of the service. */
        Ping: {
            /** @description `ok` when a query round-trips. */
            database: string;
            /** @description `ok`. */
            status: string;
            /** @description Server version. */
            version: string;
        };
        /** @description The pipeline of a site: pending items per stage and the active run. */
        PipelineOverview: {
            current_run?: components["schemas"]["Run"] | null;
            /** @description The site. */
            site_id: components["schemas"]["SiteId"];
            /** @description The seven stages. */
            stages: components["schemas"]["StageOverview"][];
        };
        /** @description The subscription after a plan change, and the invoice to pay for a paid plan. */
        PlanChangeDto: {
            invoice?: components["schemas"]["InvoiceDto"] | null;
            next_action?: components["schemas"]["NextActionDto"] | null;
            subscription: components["schemas"]["SubscriptionDto"];
        };
        /** @description A plan with its limits. */
        PlanDto: {
            /** Format: int64 */
            annual_price_cents: number;
            currency: string;
            features: unknown;
            id: components["schemas"]["PlanId"];
            /** Format: int64 */
            included_credits: number;
            /** Format: int32 */
            max_keywords: number;
            /** Format: int32 */
            max_sectors_per_site: number;
            /** Format: int32 */
            max_sites: number;
            /** Format: int32 */
            max_users: number;
            name: string;
            /** Format: int64 */
            price_cents: number;
            slug: string;
        };
        /**
         * Format: int64
         * @description Id of a plan.
         */
        PlanId: number;
        /** @enum {string} */
        Platform: "wordpress";
        /** @description What the plugin learns when it checks its key. */
        PluginHello: {
            /** @description Always true: the key was accepted. */
            connected: boolean;
            /**
             * Format: int64
             * @description The site's integration (created in bridge mode when it had none).
             */
            integration_id: number;
            /**
             * Format: int64
             * @description The IGNY8 site the key belongs to.
             */
            site_id: number;
            /** @description Its name. */
            site_name: string;
        };
        /** @description The plugin checks its key; a site with no integration yet gets a bridge one for `site_url`. */
        PluginHelloBody: {
            site_url?: string | null;
        };
        /** @description The template in force for one AI function of the account. */
        Prompt: {
            /** @description The built-in template. */
            default_value: string;
            /** @description True when the account saved its own template. */
            is_custom: boolean;
            /** @description `clustering`, `ideas`, `content`, `image_prompts` or `image`. */
            prompt_type: string;
            /** @description The account's override, or the built-in template. */
            prompt_value: string;
            /**
             * Format: date-time
             * @description When the override was last saved (absent for a built-in template).
             */
            updated_at?: string | null;
            /** @description The variables a template of this function may use. */
            variables: components["schemas"]["PromptVariable"][];
        };
        /**
         * @description The prompt types, as the document names them (`ai::prompts::PromptFunction`'s wire names).
         * @enum {string}
         */
        PromptType: "clustering" | "ideas" | "content" | "image_prompts" | "image";
        /** @description One variable a template may use. */
        PromptVariable: {
            /** @description What the value holds. */
            description: string;
            /** @description Name as written between braces. */
            name: string;
            /** @description Whether every template of the function must use it. */
            required: boolean;
        };
        /** @description Publish a content item now, or on the site at a future time (`future` in WordPress). */
        PublishBody: {
            /** Format: int64 */
            content_id: number;
            /**
             * @description A future time (RFC 3339): the post is scheduled on the site (`site_status`
             *     `scheduled`). Absent or past: live now.
             */
            publish_at?: string | null;
        };
        /** @description Changes to the scheduler settings. */
        PublishingSettingsBody: {
            auto_publish_enabled?: boolean | null;
            /** Format: int32 */
            daily_limit?: number | null;
            publish_days?: components["schemas"]["IsoDay"][] | null;
            time_slots?: components["schemas"]["TimeSlot"][] | null;
            /** Format: int32 */
            weekly_limit?: number | null;
        };
        /** @description A site's publishing scheduler settings. */
        PublishingSettingsDto: {
            auto_publish_enabled: boolean;
            /** Format: int32 */
            daily_limit: number;
            /** @description ISO weekdays (1 = Monday). */
            publish_days: number[];
            site_id: components["schemas"]["SiteId"];
            /** @description Local times (`HH:MM`, the account's time zone). */
            time_slots: string[];
            /** Format: date-time */
            updated_at: string;
            /** Format: int32 */
            weekly_limit: number;
        };
        /** @description An invoice to pay and how to pay it. */
        PurchaseDto: {
            invoice: components["schemas"]["InvoiceDto"];
            next_action: components["schemas"]["NextActionDto"];
        };
        /** @description Readiness of the service. */
        Ready: {
            /** @description `ok` when a query round-trips. */
            database: string;
            /** @description `current` when every migration this build embeds is applied. */
            migrations: string;
            /** @description `ready`. */
            status: string;
            /** @description Server version. */
            version: string;
        };
        /** @description Refresh body. */
        RefreshBody: {
            refresh: string;
        };
        /** @description Sign-up body. */
        RegisterBody: {
            account_name?: string | null;
            email: string;
            first_name?: string;
            last_name?: string;
            /** @description 8 to 128 characters, not only digits, not the e-mail. */
            password: string;
            /** @description A plan's slug (blank: the free plan); an unknown one is 404. */
            plan_slug?: string | null;
        };
        /** @description `POST admin/payments/{id}/reject/`. */
        RejectBody: {
            reason: string;
        };
        /** @description `reset_prompt/` body. */
        ResetPrompt: {
            /** @description `clustering`, `ideas`, `content`, `image_prompts` or `image`. */
            prompt_type: components["schemas"]["PromptType"];
        };
        /**
         * @description A member's role inside an account.
         * @enum {string}
         */
        Role: "owner" | "admin" | "editor" | "viewer";
        /** @description A row that was not imported, and why. */
        RowError: {
            /** @description What was wrong. */
            reason: string;
            /**
             * Format: int64
             * @description 1-based data row (the first row after the header is 1).
             */
            row: number;
        };
        /** @description A run as served. */
        Run: {
            /**
             * Format: date-time
             * @description Cancelled.
             */
            cancelled_at?: string | null;
            /**
             * Format: date-time
             * @description Ended.
             */
            completed_at?: string | null;
            /**
             * Format: int32
             * @description The stage it is in (1–7).
             */
            current_stage: number;
            /** @description Why it failed. */
            error?: string | null;
            /** @description Id. */
            id: components["schemas"]["AutomationRunId"];
            /** @description Pending items per stage at start. */
            initial_snapshot: components["schemas"]["Backlog"];
            /** @description Why it paused. */
            pause_reason?: string | null;
            /**
             * Format: date-time
             * @description Last paused.
             */
            paused_at?: string | null;
            /** @description `run_YYYYMMDD_HHMMSS_<trigger>`. */
            run_name: string;
            /** @description The settings it runs with. */
            settings: components["schemas"]["RunSettings"];
            /** @description Site. */
            site_id: components["schemas"]["SiteId"];
            /**
             * Format: int32
             * @description Batches done in the current stage.
             */
            stage_position: number;
            /** @description Per-stage results. */
            stages: components["schemas"]["StageResult"][];
            /**
             * Format: date-time
             * @description Started.
             */
            started_at: string;
            /** @description Status. */
            status: components["schemas"]["RunStatus"];
            /**
             * Format: int64
             * @description Credits spent.
             */
            total_credits: number;
            /** @description What started it. */
            trigger: components["schemas"]["Trigger"];
        };
        /** @description What a run on a site is expected to cost, and whether the balance covers it. */
        RunEstimate: {
            /**
             * Format: int64
             * @description The account's balance less the credits its open holds reserve for accepted work (other
             *     runs, AI tasks).
             */
            balance: number;
            /**
             * Format: int64
             * @description What the balance must hold to start: 1.2 × the estimate.
             */
            required_credits: number;
            /** @description The site. */
            site_id: components["schemas"]["SiteId"];
            /** @description Per stage. */
            stages: components["schemas"]["StageEstimate"][];
            /** @description True when the balance covers `required_credits`. */
            sufficient: boolean;
            /**
             * Format: int64
             * @description Credits expected in total (within the run's credit cap).
             */
            total_credits: number;
        };
        /** @description One event of a run (the log and the SSE stream). */
        RunEvent: {
            /**
             * Format: date-time
             * @description When.
             */
            created_at: string;
            /** @description Details (counts, credits, reasons). */
            data: unknown;
            /** @description Id (the SSE event id; increasing). */
            id: components["schemas"]["AutomationEventId"];
            /** @description What happened. */
            kind: components["schemas"]["EventKind"];
            /** @description In words. */
            message: string;
            /** @description The run. */
            run_id: components["schemas"]["AutomationRunId"];
            /**
             * Format: int32
             * @description The stage it concerns.
             */
            stage?: number | null;
        };
        /** @description `logs/`: the last events of a run, oldest first. */
        RunLogs: {
            /** @description Its events. */
            events: components["schemas"]["RunEvent"][];
            /** @description The run. */
            run_id: components["schemas"]["AutomationRunId"];
        };
        /** @description The config a run works with, frozen when it starts (a config change applies to later runs). */
        RunSettings: {
            /** @description Review approves by itself. */
            auto_approve: boolean;
            /** @description Batch size of stages 1–6 (index 0 = stage 1). */
            batch_sizes: number[];
            /**
             * Format: int32
             * @description Seconds between stages.
             */
            between_stage_delay_secs: number;
            /** @description Per-stage item caps (index 0 = stage 1; stage 7 has none). */
            caps: (number | null)[];
            /**
             * Format: int64
             * @description Credit cap of the run.
             */
            max_credits?: number | null;
            /**
             * Format: int32
             * @description Seconds between batches.
             */
            within_stage_delay_secs: number;
        };
        /** @enum {string} */
        RunStatus: "running" | "paused" | "cancelled" | "completed" | "failed";
        /** @description `save_prompt/` body. */
        SavePrompt: {
            /** @description `clustering`, `ideas`, `content`, `image_prompts` or `image`. */
            prompt_type: components["schemas"]["PromptType"];
            /** @description The template, with `{variable}` placeholders (see `variables` of the list). */
            prompt_value: string;
        } & ({
            /** @constant */
            prompt_type?: "clustering";
            prompt_value?: string;
        } | {
            /** @constant */
            prompt_type?: "ideas";
            prompt_value?: string & unknown;
        } | {
            /** @constant */
            prompt_type?: "content";
            prompt_value?: string & unknown;
        } | {
            /** @constant */
            prompt_type?: "image_prompts";
            prompt_value?: string;
        } | {
            /** @constant */
            prompt_type?: "image";
            prompt_value?: string;
        });
        /** @description Sector update body. */
        SectorBody: {
            is_active?: boolean | null;
            name?: string | null;
        };
        /** @description A site's sector. */
        SectorDto: {
            /** Format: date-time */
            created_at: string;
            id: components["schemas"]["SectorId"];
            industry_sector_id: components["schemas"]["IndustrySectorId"];
            is_active: boolean;
            name: string;
            site_id: components["schemas"]["SiteId"];
            slug: string;
            /** Format: date-time */
            updated_at: string;
        };
        /**
         * Format: int64
         * @description Id of a site's sector (a site-level selection of an industry sector).
         */
        SectorId: number;
        /** @description Library size of one industry sector. */
        SectorStat: {
            /**
             * Format: int32
             * @description Their rounded average difficulty.
             */
            avg_difficulty?: number | null;
            /**
             * Format: int64
             * @description Industry.
             */
            industry_id: number;
            /** @description Industry name. */
            industry_name: string;
            /**
             * Format: int64
             * @description Active seed keywords.
             */
            keywords_count: number;
            /**
             * Format: int64
             * @description Industry sector.
             */
            sector_id: number;
            /** @description Sector name. */
            sector_name: string;
            /** @description Sector slug. */
            sector_slug: string;
            /**
             * Format: int64
             * @description Their summed volume.
             */
            total_volume: number;
        };
        /** @description A seed keyword of the library. */
        SeedKeywordDto: {
            country: string;
            /** Format: int32 */
            difficulty: number;
            id: components["schemas"]["SeedKeywordId"];
            industry_id: components["schemas"]["IndustryId"];
            industry_name: string;
            intent: components["schemas"]["Intent"];
            keyword: string;
            /** @description The industry sector (global), not a site's sector. */
            sector_id: components["schemas"]["IndustrySectorId"];
            sector_name: string;
            /** Format: int32 */
            volume: number;
        };
        /**
         * Format: int64
         * @description Id of a global seed keyword.
         */
        SeedKeywordId: number;
        /** @description `select_sectors/` body. */
        SelectSectorsBody: {
            /** @description An industry's slug; an unknown one is 404. */
            industry_slug: string;
            /** @description Slugs of that industry's sectors; one that is not is 404. */
            sector_slugs: string[];
        };
        /** @description `set_active/` body. */
        SetActiveBody: {
            is_active?: boolean | null;
        };
        /** @description A site-access grant. */
        SiteAccessDto: {
            /** Format: date-time */
            created_at: string;
            granted_by?: components["schemas"]["UserId"] | null;
            id: components["schemas"]["SiteAccessId"];
            site_id: components["schemas"]["SiteId"];
            user_id: components["schemas"]["UserId"];
        };
        /**
         * Format: int64
         * @description Id of a site-access grant.
         */
        SiteAccessId: number;
        /** @description Site create/update body. */
        SiteBody: {
            /** @description A domain or URL (no white space). */
            domain?: string | null;
            /** Format: int64 */
            industry_id?: number | null;
            is_active?: boolean | null;
            name?: string | null;
        };
        /** @description A new site: as [`SiteBody`], with the name required. */
        SiteCreateBody: {
            /** @description A domain or URL (no white space). */
            domain?: string | null;
            industry_id?: components["schemas"]["IndustryId"] | null;
            is_active?: boolean | null;
            name: string;
        };
        /** @description A site. */
        SiteDto: {
            /** Format: date-time */
            created_at: string;
            domain: string;
            id: components["schemas"]["SiteId"];
            industry_id?: components["schemas"]["IndustryId"] | null;
            is_active: boolean;
            name: string;
            slug: string;
            /** Format: date-time */
            updated_at: string;
        };
        /**
         * Format: int64
         * @description Id of a site.
         */
        SiteId: number;
        /** @description A new site key: shown this once. Paste it into the IGNY8 plugin's settings. */
        SiteKeyDto: {
            api_key: string;
            /** @description The key's last four characters (what later views show). */
            key_suffix: string;
            site_id: components["schemas"]["SiteId"];
        };
        /** @enum {string} */
        SiteStatus: "not_published" | "scheduled" | "publishing" | "published" | "failed";
        /** @description What the plugin pushes: the site's post types and taxonomies with counts. */
        SiteStructureBody: {
            plugin_version?: string | null;
            plugins?: Record<string, never> | null;
            post_types?: Record<string, never>[] | null;
            site_url?: string | null;
            taxonomies?: Record<string, never>[] | null;
            wp_version?: string | null;
        };
        /** @description One stage of an estimate. */
        StageEstimate: {
            /**
             * Format: int64
             * @description Credits expected.
             */
            credits: number;
            /**
             * Format: int64
             * @description Items the run is expected to process (pending now plus what earlier stages make,
             *     within the caps).
             */
            items: number;
            /** @description Its name. */
            name: string;
            /**
             * Format: int64
             * @description Items pending now.
             */
            pending: number;
            /**
             * Format: int32
             * @description 1–7.
             */
            stage: number;
        };
        /** @description One stage of the pipeline overview. */
        StageOverview: {
            /** @description Its name. */
            name: string;
            /**
             * Format: int64
             * @description Items waiting now.
             */
            pending: number;
            /**
             * Format: int32
             * @description 1–7.
             */
            stage: number;
        };
        /** @description One stage's results, computed from the run's item records. */
        StageResult: {
            /**
             * Format: int64
             * @description Rows created.
             */
            created: number;
            /**
             * Format: int64
             * @description Credits spent.
             */
            credits: number;
            /**
             * Format: int64
             * @description Milliseconds from the stage's start to its end (or now).
             */
            duration_ms?: number | null;
            /**
             * Format: int64
             * @description Items that failed.
             */
            failed: number;
            /**
             * Format: date-time
             * @description Finished.
             */
            finished_at?: string | null;
            /** @description Its name. */
            name: string;
            /**
             * Format: int64
             * @description Items saved.
             */
            processed: number;
            /**
             * Format: double
             * @description Milliseconds inside provider calls.
             */
            provider_ms: number;
            /** @description Why items were skipped or failed (the latest 20). */
            reasons: components["schemas"]["ItemReason"][];
            /**
             * Format: int64
             * @description Items skipped (nothing to do).
             */
            skipped: number;
            /**
             * Format: int32
             * @description 1–7.
             */
            stage: number;
            /**
             * Format: date-time
             * @description Started.
             */
            started_at?: string | null;
            /** @description `pending`, `running` or `done`. */
            state: string;
        };
        /** @enum {string} */
        Status: "queued" | "running" | "completed" | "failed";
        /** @description What a webhook did. */
        StatusApplied: {
            /** @description False when nothing changed (a repeated webhook, or sync disabled). */
            changed: boolean;
            /**
             * Format: int64
             * @description The content item.
             */
            content_id: number;
            /** @description Its `site_status` now. */
            site_status: string;
        };
        /** @description A post's status changed in WordPress. */
        StatusWebhookBody: {
            /** Format: int64 */
            content_id: number;
            /** Format: int64 */
            post_id: number;
            post_status: components["schemas"]["WpStatus"];
            post_url?: string | null;
        };
        /** @description The account's subscription. */
        SubscriptionDto: {
            auto_renew: boolean;
            /** @description monthly or annual */
            billing_cycle: string;
            /** Format: date-time */
            cancelled_at?: string | null;
            /** Format: date-time */
            current_period_end?: string | null;
            /** Format: date-time */
            current_period_start?: string | null;
            id: components["schemas"]["SubscriptionId"];
            open_invoice_id?: components["schemas"]["InvoiceId"] | null;
            plan: components["schemas"]["PlanDto"];
            /** @description pending (paid plan, first invoice unpaid), trialing, active, past_due, cancelled, expired */
            status: string;
        };
        /**
         * Format: int64
         * @description Id of a subscription.
         */
        SubscriptionId: number;
        /** @enum {string} */
        SyncAction: "publish" | "update" | "unpublish" | "test_connection" | "sync" | "site_structure" | "status_webhook";
        /** @description One attempt to talk to the site. */
        SyncEventDto: {
            action: components["schemas"]["SyncAction"];
            /** Format: int32 */
            attempt: number;
            content_id?: components["schemas"]["ContentId"] | null;
            /** Format: date-time */
            created_at: string;
            details: Record<string, never>;
            /** Format: int32 */
            duration_ms: number;
            /** @description WordPress's error code (or ours). */
            error_code?: string | null;
            error_message?: string | null;
            external_id?: string | null;
            /** Format: int32 */
            http_status?: number | null;
            id: components["schemas"]["SyncEventId"];
            integration_id: components["schemas"]["IntegrationId"];
            success: boolean;
        };
        /**
         * Format: int64
         * @description Id of a sync event (one publishing or sync attempt).
         */
        SyncEventId: number;
        /** @description What a sync found. */
        SyncReport: {
            /** @description Content items whose `site_status` changed. */
            changed: number;
            /** @description Linked posts checked. */
            checked: number;
            /** @description Posts that could not be read (see the sync event). */
            errors: number;
        };
        /** @enum {string} */
        SyncStatus: "pending" | "syncing" | "completed" | "error";
        /** @description The same change for many tasks. */
        TaskBulkUpdateBody: {
            /** Format: int64 */
            cluster_id?: number | null;
            content_structure?: components["schemas"]["ContentStructure"] | null;
            content_type?: components["schemas"]["ContentType"] | null;
            ids: number[];
            status?: components["schemas"]["TaskStatus"] | null;
        } | {
            status: unknown;
        } | unknown | {
            content_type: unknown;
        } | {
            content_structure: unknown;
        };
        /** @description A task to create; it starts `queued`. */
        TaskCreateBody: {
            /** Format: int64 */
            cluster_id?: number | null;
            content_structure?: components["schemas"]["ContentStructure"] | null;
            content_type?: components["schemas"]["ContentType"] | null;
            description?: string | null;
            keywords?: string | null;
            outline?: components["schemas"]["Outline"] | null;
            primary_keyword?: string | null;
            secondary_keywords?: string[] | null;
            /** Format: int64 */
            sector_id: number;
            /** Format: int64 */
            site_id: number;
            title: string;
            /** Format: int32 */
            word_count?: number | null;
        };
        /** @description A writer task. */
        TaskDto: {
            cluster_id?: components["schemas"]["ClusterId"] | null;
            content_structure: components["schemas"]["ContentStructure"];
            content_type: components["schemas"]["ContentType"];
            /** Format: date-time */
            created_at: string;
            description: string;
            id: components["schemas"]["TaskId"];
            idea_id?: components["schemas"]["IdeaId"] | null;
            /** @description Comma-separated keywords. */
            keywords: string;
            /** @description `{"sections": [{"heading": "...", "notes": "..."}]}` carried over from the idea. */
            outline?: Record<string, never> | null;
            primary_keyword: string;
            secondary_keywords: string[];
            sector_id: components["schemas"]["SectorId"];
            site_id: components["schemas"]["SiteId"];
            status: components["schemas"]["TaskStatus"];
            title: string;
            /** Format: date-time */
            updated_at: string;
            /**
             * Format: int32
             * @description Target word count (0 = none).
             */
            word_count: number;
        };
        /**
         * Format: int64
         * @description Id of a writer task.
         */
        TaskId: number;
        /** @description `{"ids": [..]}` of writer tasks to write (at most 10 per request). */
        TaskIds: {
            /** @description Task ids. */
            ids: number[];
        };
        /** @description A change to a task; absent keys stay, `null` clears `cluster_id`/`outline`. */
        TaskPatchBody: {
            /** Format: int64 */
            cluster_id?: number | null;
            content_structure?: components["schemas"]["ContentStructure"] | null;
            content_type?: components["schemas"]["ContentType"] | null;
            description?: string | null;
            keywords?: string | null;
            outline?: components["schemas"]["Outline"] | null;
            primary_keyword?: string | null;
            secondary_keywords?: string[] | null;
            status?: components["schemas"]["TaskStatus"] | null;
            title?: string | null;
            /** Format: int32 */
            word_count?: number | null;
        };
        /** @description `{"task_id": id}`: the ai_task to poll. */
        TaskStarted: {
            /**
             * Format: int64
             * @description Id for `GET /api/v1/system/ai-tasks/{id}/`.
             */
            task_id: number;
        };
        /** @enum {string} */
        TaskStatus: "queued" | "in_progress" | "completed" | "failed";
        /** @description A term to create; the slug defaults to one derived from the name. */
        TaxonomyCreateBody: {
            external_id?: string | null;
            name: string;
            /** Format: int64 */
            site_id: number;
            slug?: string | null;
            taxonomy_type: components["schemas"]["TaxonomyType"];
        };
        /** @description A category or tag of a site. */
        TaxonomyDto: {
            /** Format: date-time */
            created_at: string;
            external_id?: string | null;
            id: components["schemas"]["TaxonomyId"];
            name: string;
            site_id: components["schemas"]["SiteId"];
            slug: string;
            taxonomy_type: components["schemas"]["TaxonomyType"];
            /** Format: date-time */
            updated_at: string;
        };
        /**
         * Format: int64
         * @description Id of a taxonomy term.
         */
        TaxonomyId: number;
        /** @description A change to a term. */
        TaxonomyPatchBody: {
            external_id?: string | null;
            name?: string | null;
            slug?: string | null;
        };
        /** @enum {string} */
        TaxonomyType: "category" | "tag";
        /** @description A local time of day, HH:MM. */
        TimeSlot: string;
        /** @description One ledger row. */
        TransactionDto: {
            /**
             * Format: int64
             * @description Signed change of the pool.
             */
            amount: number;
            /** Format: int64 */
            balance_after: number;
            /** Format: date-time */
            created_at: string;
            description: string;
            id: components["schemas"]["CreditTransactionId"];
            /** @description grant, charge, refund, purchase, plan_reset, plan_expire, adjustment */
            kind: string;
            operation?: string | null;
            /** @description plan or bonus */
            pool: string;
            reference: string;
        };
        /** @enum {string} */
        Trigger: "manual" | "scheduled";
        /** @description One AI call: charged, or failed (zero credits, no transaction, `error` says why). */
        UsageDto: {
            /**
             * Format: int64
             * @description Provider cost in millionths of a US dollar.
             */
            cost_usd_micros: number;
            /** Format: date-time */
            created_at: string;
            /** Format: int64 */
            credits_used: number;
            /** @description Why the call failed; null for a charged call. */
            error?: string | null;
            /** Format: int64 */
            id: number;
            model_used: string;
            operation_type: string;
            /** Format: int64 */
            tokens_input: number;
            /** Format: int64 */
            tokens_output: number;
            transaction_id?: components["schemas"]["CreditTransactionId"] | null;
        };
        /** @description Member update. */
        UserChangesBody: {
            first_name?: string | null;
            is_active?: boolean | null;
            last_name?: string | null;
            role?: components["schemas"]["Role"] | null;
        };
        /** @description A user. */
        UserDto: {
            /** Format: date-time */
            created_at: string;
            email: string;
            first_name: string;
            id: components["schemas"]["UserId"];
            is_active: boolean;
            is_staff: boolean;
            /** Format: date-time */
            last_login_at?: string | null;
            last_name: string;
            role: components["schemas"]["Role"];
        };
        /**
         * Format: int64
         * @description Id of a user.
         */
        UserId: number;
        /** @description What the webhook did with an event. */
        WebhookAckDto: {
            /**
             * @description `invoice_paid`, `duplicate` (seen before: nothing changed), `ignored`, `unknown_session`,
             *     `not_paid`, `amount_mismatch`, `invoice_already_paid`, `invoice_not_payable`.
             */
            outcome: string;
            /** @description Always true: the event is stored (or was already). */
            received: boolean;
        };
        /**
         * @description A post's WordPress status.
         * @enum {string}
         */
        WpStatus: "publish" | "future" | "draft" | "pending" | "private" | "trash" | "inherit" | "deleted";
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
type WithRequired<T, K extends keyof T> = T & {
    [P in K]-?: T[P];
};
export type operations = Record<string, never>;
