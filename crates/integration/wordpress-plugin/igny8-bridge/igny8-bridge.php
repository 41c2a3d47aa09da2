<?php
/**
 * Plugin Name:       IGNY8 Bridge
 * Plugin URI:        https://igny8.com/
 * Description:       Receives articles published from IGNY8 (create or update by IGNY8 content id, with images, terms and SEO meta), reports status changes back, and shares the site structure.
 * Version:           0.1.0
 * Requires at least: 5.6
 * Requires PHP:      7.4
 * Author:            IGNY8
 * License:           GPL-2.0-or-later
 * License URI:       https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:       igny8-bridge
 *
 * REST namespace igny8/v1. The contract is in ../README.md (crates/integration/wordpress-plugin).
 */

if (!defined('ABSPATH')) {
    exit;
}

define('IGNY8_BRIDGE_VERSION', '0.1.0');
define('IGNY8_BRIDGE_FILE', __FILE__);
define('IGNY8_BRIDGE_NAMESPACE', 'igny8/v1');
define('IGNY8_BRIDGE_CRON_HOOK', 'igny8_bridge_daily_push');

require_once __DIR__ . '/includes/class-igny8-bridge-settings.php';
require_once __DIR__ . '/includes/class-igny8-bridge-auth.php';
require_once __DIR__ . '/includes/class-igny8-bridge-lock.php';
require_once __DIR__ . '/includes/class-igny8-bridge-media.php';
require_once __DIR__ . '/includes/class-igny8-bridge-publisher.php';
require_once __DIR__ . '/includes/class-igny8-bridge-platform.php';
require_once __DIR__ . '/includes/class-igny8-bridge-rest.php';
require_once __DIR__ . '/includes/class-igny8-bridge-admin.php';

/**
 * Wiring: hooks only; the work is in includes/.
 */
final class Igny8_Bridge_Plugin
{
    /** Post meta written on every publish; registered for the core REST API (edit context). */
    const META_KEYS = array(
        '_igny8_content_id' => 'integer',
        '_igny8_task_id' => 'integer',
        '_igny8_meta_title' => 'string',
        '_igny8_meta_description' => 'string',
        '_igny8_primary_keyword' => 'string',
        '_igny8_secondary_keywords' => 'string',
    );

    public static function boot()
    {
        add_action('init', array(__CLASS__, 'register_meta'));
        add_action('init', array(__CLASS__, 'ensure_cron'));
        add_action('rest_api_init', array('Igny8_Bridge_Rest', 'register_routes'));
        add_action(IGNY8_BRIDGE_CRON_HOOK, array('Igny8_Bridge_Platform', 'cron_push'));
        add_action('transition_post_status', array('Igny8_Bridge_Platform', 'on_transition_post_status'), 10, 3);
        add_action('before_delete_post', array('Igny8_Bridge_Platform', 'on_before_delete_post'), 10, 1);
        if (is_admin()) {
            Igny8_Bridge_Admin::boot();
        }
    }

    public static function register_meta()
    {
        foreach (self::META_KEYS as $key => $type) {
            register_post_meta('post', $key, array(
                'type' => $type,
                'single' => true,
                'show_in_rest' => array('schema' => array('type' => $type, 'context' => array('edit'))),
                'auth_callback' => function () {
                    return current_user_can('edit_posts');
                },
            ));
        }
    }

    public static function ensure_cron()
    {
        if (!wp_next_scheduled(IGNY8_BRIDGE_CRON_HOOK)) {
            wp_schedule_event(time() + DAY_IN_SECONDS, 'daily', IGNY8_BRIDGE_CRON_HOOK);
        }
    }

    public static function activate()
    {
        Igny8_Bridge_Settings::add_defaults();
        self::ensure_cron();
    }

    public static function deactivate()
    {
        wp_clear_scheduled_hook(IGNY8_BRIDGE_CRON_HOOK);
    }
}

register_activation_hook(__FILE__, array('Igny8_Bridge_Plugin', 'activate'));
register_deactivation_hook(__FILE__, array('Igny8_Bridge_Plugin', 'deactivate'));
Igny8_Bridge_Plugin::boot();
