<?php
/**
 * Permission callbacks: the site key (routes the platform calls) and manage_options (admin routes).
 */

if (!defined('ABSPATH')) {
    exit;
}

final class Igny8_Bridge_Auth
{
    /**
     * The platform authenticates with the site key in `X-IGNY8-API-KEY: <key>` or
     * `Authorization: Bearer <key>`. The key is compared in constant time and never logged.
     *
     * @return true|WP_Error
     */
    public static function check_key(WP_REST_Request $request)
    {
        $stored = Igny8_Bridge_Settings::api_key();
        if ($stored === '') {
            return new WP_Error(
                'igny8_unauthorized',
                'This site has no IGNY8 API key configured.',
                array('status' => 401)
            );
        }
        $given = self::key_from_request($request);
        if ($given === '' || !hash_equals($stored, $given)) {
            return new WP_Error(
                'igny8_unauthorized',
                'Missing or invalid IGNY8 API key (send X-IGNY8-API-KEY or Authorization: Bearer).',
                array('status' => 401)
            );
        }
        if (!Igny8_Bridge_Settings::enabled()) {
            return new WP_Error(
                'igny8_disabled',
                'The IGNY8 connection is disabled in the plugin settings.',
                array('status' => 403)
            );
        }
        return true;
    }

    /** @return true|WP_Error */
    public static function require_admin()
    {
        if (current_user_can('manage_options')) {
            return true;
        }
        return new WP_Error(
            'rest_forbidden',
            'Sorry, you are not allowed to do that.',
            array('status' => rest_authorization_required_code())
        );
    }

    private static function key_from_request(WP_REST_Request $request)
    {
        $key = $request->get_header('x_igny8_api_key');
        if (is_string($key) && trim($key) !== '') {
            return trim($key);
        }
        $auth = $request->get_header('authorization');
        if (!is_string($auth) || $auth === '') {
            // Some servers only pass it through these.
            foreach (array('HTTP_AUTHORIZATION', 'REDIRECT_HTTP_AUTHORIZATION') as $var) {
                if (!empty($_SERVER[$var]) && is_string($_SERVER[$var])) {
                    $auth = $_SERVER[$var];
                    break;
                }
            }
        }
        if (is_string($auth) && preg_match('/^\s*Bearer\s+(\S+)\s*$/i', $auth, $m)) {
            return $m[1];
        }
        return '';
    }
}
