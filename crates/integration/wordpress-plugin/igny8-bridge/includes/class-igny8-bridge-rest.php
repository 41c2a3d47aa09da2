<?php
/**
 * Routes of the igny8/v1 namespace.
 */

if (!defined('ABSPATH')) {
    exit;
}

final class Igny8_Bridge_Rest
{
    public static function register_routes()
    {
        $ns = IGNY8_BRIDGE_NAMESPACE;
        $key = array('Igny8_Bridge_Auth', 'check_key');
        $admin = array('Igny8_Bridge_Auth', 'require_admin');

        register_rest_route($ns, '/publish', array(
            'methods' => 'POST',
            'callback' => array('Igny8_Bridge_Publisher', 'handle'),
            'permission_callback' => $key,
        ));
        register_rest_route($ns, '/site-metadata', array(
            'methods' => 'GET',
            'callback' => array(__CLASS__, 'site_metadata'),
            'permission_callback' => $key,
        ));
        register_rest_route($ns, '/push-structure', array(
            'methods' => 'POST',
            'callback' => array(__CLASS__, 'push_structure'),
            'permission_callback' => $key,
        ));
        register_rest_route($ns, '/settings', array(
            array(
                'methods' => 'GET',
                'callback' => array(__CLASS__, 'get_settings'),
                'permission_callback' => $admin,
            ),
            array(
                'methods' => 'POST',
                'callback' => array(__CLASS__, 'save_settings'),
                'permission_callback' => $admin,
            ),
        ));
        register_rest_route($ns, '/test-connection', array(
            'methods' => 'POST',
            'callback' => array(__CLASS__, 'test_connection'),
            'permission_callback' => $admin,
        ));
    }

    public static function site_metadata()
    {
        return rest_ensure_response(Igny8_Bridge_Platform::site_metadata());
    }

    public static function push_structure()
    {
        $result = Igny8_Bridge_Platform::push_structure();
        return is_wp_error($result) ? $result : rest_ensure_response($result);
    }

    public static function get_settings()
    {
        return rest_ensure_response(Igny8_Bridge_Settings::to_public_array());
    }

    /**
     * Saves the given settings, then (when fully configured) pushes the site structure; the
     * reply is the settings as GET shows them plus `structure_push` (null when not configured,
     * else {platform_status, platform_body} or {error}).
     */
    public static function save_settings(WP_REST_Request $request)
    {
        $input = $request->get_json_params();
        if (!is_array($input)) {
            $input = $request->get_body_params();
        }
        $saved = Igny8_Bridge_Settings::apply(is_array($input) ? $input : array());
        if (is_wp_error($saved)) {
            return $saved;
        }
        $reply = Igny8_Bridge_Settings::to_public_array();
        $reply['structure_push'] = self::push_after_save();
        return rest_ensure_response($reply);
    }

    /** @return array|null */
    public static function push_after_save()
    {
        if (!Igny8_Bridge_Settings::enabled() || Igny8_Bridge_Settings::integration_id() <= 0
            || !Igny8_Bridge_Settings::can_call_platform()) {
            return null;
        }
        $result = Igny8_Bridge_Platform::push_structure(Igny8_Bridge_Platform::WEBHOOK_TIMEOUT);
        if (is_wp_error($result)) {
            error_log('IGNY8 bridge: site structure push after saving settings failed: ' . $result->get_error_message());
            return array('error' => $result->get_error_message());
        }
        return $result;
    }

    public static function test_connection()
    {
        $result = Igny8_Bridge_Platform::test_connection();
        return is_wp_error($result) ? $result : rest_ensure_response($result);
    }
}
