<?php
/**
 * Calls from WordPress to the IGNY8 platform: the status webhook, the site-structure push and
 * the connection test. The site key goes in headers only and is never logged.
 */

if (!defined('ABSPATH')) {
    exit;
}

final class Igny8_Bridge_Platform
{
    const WEBHOOK_PATH = '/api/v1/integration/webhooks/wordpress/status/';
    const TEST_PATH = '/api/v1/integration/integrations/test-connection/';
    const WEBHOOK_TIMEOUT = 5;
    const CALL_TIMEOUT = 15;

    // ------------------------------------------------------------------------ status webhook

    public static function on_transition_post_status($new_status, $old_status, $post)
    {
        if ($new_status === $old_status || !($post instanceof WP_Post)) {
            return;
        }
        self::send_status($post, (string) $new_status, (string) $old_status);
    }

    public static function on_before_delete_post($post_id)
    {
        $post = get_post($post_id);
        if ($post instanceof WP_Post) {
            self::send_status($post, 'deleted', (string) $post->post_status);
        }
    }

    private static function send_status(WP_Post $post, $status, $previous)
    {
        if (Igny8_Bridge_Publisher::is_publishing() || $post->post_type === 'revision') {
            return;
        }
        $content_id = (int) get_post_meta($post->ID, '_igny8_content_id', true);
        if ($content_id <= 0 || !Igny8_Bridge_Settings::can_call_platform() || !Igny8_Bridge_Settings::enabled()) {
            return;
        }
        $body = array(
            'post_id' => (int) $post->ID,
            'content_id' => $content_id,
            'post_status' => $status,
            'previous_status' => $previous,
            'post_url' => (string) get_permalink($post),
            'site_url' => home_url(),
            'modified_gmt' => self::iso_gmt($post->post_modified_gmt),
        );
        $result = self::post_json(self::WEBHOOK_PATH, $body, self::key_headers(), self::WEBHOOK_TIMEOUT);
        if (is_wp_error($result)) {
            error_log(sprintf(
                'IGNY8 bridge: status webhook for post %d (%s) failed: %s',
                $post->ID,
                $status,
                $result->get_error_message()
            ));
        } elseif ($result['status'] < 200 || $result['status'] >= 300) {
            error_log(sprintf(
                'IGNY8 bridge: status webhook for post %d (%s) answered HTTP %d',
                $post->ID,
                $status,
                $result['status']
            ));
        }
    }

    // ---------------------------------------------------------------------- site structure

    /** Public post types and taxonomies with counts, SEO plugin flags and versions. */
    public static function site_metadata()
    {
        $post_types = array();
        foreach (get_post_types(array('public' => true), 'objects') as $type) {
            if ($type->name === 'attachment') {
                continue; // media, not content
            }
            $counts = wp_count_posts($type->name);
            $post_types[] = array(
                'name' => $type->name,
                'label' => (string) $type->label,
                'count' => isset($counts->publish) ? (int) $counts->publish : 0,
            );
        }
        $taxonomies = array();
        foreach (get_taxonomies(array('public' => true), 'objects') as $taxonomy) {
            $count = wp_count_terms(array('taxonomy' => $taxonomy->name, 'hide_empty' => false));
            $taxonomies[] = array(
                'name' => $taxonomy->name,
                'label' => (string) $taxonomy->label,
                'count' => is_wp_error($count) ? 0 : (int) $count,
                'object_types' => array_values((array) $taxonomy->object_type),
            );
        }
        return array(
            'post_types' => $post_types,
            'taxonomies' => $taxonomies,
            'plugins' => array(
                'yoast' => defined('WPSEO_VERSION'),
                'rank_math' => class_exists('RankMath'),
            ),
            'wp_version' => get_bloginfo('version'),
            'site_url' => home_url(),
            'plugin_version' => IGNY8_BRIDGE_VERSION,
        );
    }

    /**
     * POST the site metadata to update_site_structure.
     *
     * @return array|WP_Error {platform_status, platform_body}
     */
    public static function push_structure($timeout = self::CALL_TIMEOUT)
    {
        $id = Igny8_Bridge_Settings::integration_id();
        if (!Igny8_Bridge_Settings::can_call_platform() || $id <= 0) {
            return new WP_Error(
                'igny8_not_configured',
                'Set the API base, the API key and the integration id first.',
                array('status' => 400)
            );
        }
        $path = sprintf('/api/v1/integration/integrations/%d/update_site_structure/', $id);
        $result = self::post_json($path, self::site_metadata(), self::key_headers(), $timeout);
        if (is_wp_error($result)) {
            return $result;
        }
        return array('platform_status' => $result['status'], 'platform_body' => $result['body']);
    }

    /** Daily wp-cron job. */
    public static function cron_push()
    {
        if (!Igny8_Bridge_Settings::enabled() || Igny8_Bridge_Settings::integration_id() <= 0
            || !Igny8_Bridge_Settings::can_call_platform()) {
            return;
        }
        $result = self::push_structure();
        if (is_wp_error($result)) {
            error_log('IGNY8 bridge: daily site structure push failed: ' . $result->get_error_message());
        } elseif ($result['platform_status'] < 200 || $result['platform_status'] >= 300) {
            error_log('IGNY8 bridge: daily site structure push answered HTTP ' . $result['platform_status']);
        }
    }

    /** @return array|WP_Error {platform_status, platform_body} */
    public static function test_connection()
    {
        if (!Igny8_Bridge_Settings::can_call_platform()) {
            return new WP_Error(
                'igny8_not_configured',
                'Set the API base and the API key first.',
                array('status' => 400)
            );
        }
        $key = Igny8_Bridge_Settings::api_key();
        $result = self::post_json(
            self::TEST_PATH,
            array('api_key' => $key, 'site_url' => home_url()),
            array('Authorization' => 'Bearer ' . $key),
            self::CALL_TIMEOUT
        );
        if (is_wp_error($result)) {
            return $result;
        }
        return array('platform_status' => $result['status'], 'platform_body' => $result['body']);
    }

    // -------------------------------------------------------------------------------- HTTP

    private static function key_headers()
    {
        return array('X-IGNY8-API-KEY' => Igny8_Bridge_Settings::api_key());
    }

    /**
     * Blocking JSON POST to {api_base}{path}. wp_remote_post (not the "safe" variant, which
     * refuses loopback on non-standard ports, i.e. the platform in development and tests).
     *
     * @return array|WP_Error {status: int, body: decoded JSON (objects kept) or null}
     */
    private static function post_json($path, array $body, array $headers, $timeout)
    {
        $url = Igny8_Bridge_Settings::api_base() . $path;
        $response = wp_remote_post($url, array(
            'timeout' => $timeout,
            'redirection' => 0,
            'blocking' => true,
            'headers' => array_merge(
                array('Content-Type' => 'application/json', 'Accept' => 'application/json'),
                $headers
            ),
            'body' => wp_json_encode($body),
            'data_format' => 'body',
        ));
        if (is_wp_error($response)) {
            return new WP_Error(
                'igny8_platform_unreachable',
                sprintf('Could not reach %s: %s', $url, $response->get_error_message()),
                array('status' => 502)
            );
        }
        $raw = (string) wp_remote_retrieve_body($response);
        $decoded = json_decode($raw);
        return array(
            'status' => (int) wp_remote_retrieve_response_code($response),
            'body' => json_last_error() === JSON_ERROR_NONE ? $decoded : null,
        );
    }

    private static function iso_gmt($mysql_gmt)
    {
        if (!$mysql_gmt || strpos((string) $mysql_gmt, '0000-00-00') === 0) {
            return null;
        }
        $ts = strtotime($mysql_gmt . ' UTC');
        return $ts ? gmdate('Y-m-d\TH:i:s\Z', $ts) : null;
    }
}
