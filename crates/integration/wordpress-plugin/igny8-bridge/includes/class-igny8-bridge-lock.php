<?php
/**
 * A short-lived named lock so two concurrent publishes of one content id cannot both create a
 * post. MySQL/MariaDB GET_LOCK() first (released automatically if the PHP process dies); where
 * that is unavailable, a row in the options table inserted with INSERT IGNORE (atomic thanks to
 * the unique option_name) that expires after a minute.
 */

if (!defined('ABSPATH')) {
    exit;
}

final class Igny8_Bridge_Lock
{
    const OPTION_TTL = 60;

    /**
     * @param string $name    what is locked, e.g. "content-42"
     * @param int    $timeout seconds to wait for it
     * @return array|WP_Error a handle for release()
     */
    public static function acquire($name, $timeout)
    {
        global $wpdb;
        $db_lock = 'igny8_' . substr(md5(DB_NAME . '|' . $wpdb->prefix . '|' . $name), 0, 32);
        $suppress = $wpdb->suppress_errors(true);
        $got = $wpdb->get_var($wpdb->prepare('SELECT GET_LOCK(%s, %d)', $db_lock, (int) $timeout));
        $failed = $got === null && $wpdb->last_error !== '';
        $wpdb->suppress_errors($suppress);
        if ((string) $got === '1') {
            return array('type' => 'db', 'name' => $db_lock);
        }
        if (!$failed) {
            return self::busy();
        }
        return self::acquire_option('_igny8_lock_' . substr(md5($name), 0, 24), $timeout);
    }

    public static function release($handle)
    {
        global $wpdb;
        if (!is_array($handle)) {
            return;
        }
        if ($handle['type'] === 'db') {
            $wpdb->get_var($wpdb->prepare('SELECT RELEASE_LOCK(%s)', $handle['name']));
        } else {
            $wpdb->query($wpdb->prepare(
                "DELETE FROM {$wpdb->options} WHERE option_name = %s AND option_value = %s",
                $handle['name'],
                $handle['token']
            ));
        }
    }

    private static function acquire_option($option, $timeout)
    {
        global $wpdb;
        $deadline = microtime(true) + $timeout;
        do {
            $token = (string) (time() + self::OPTION_TTL) . ':' . wp_generate_password(12, false);
            $inserted = $wpdb->query($wpdb->prepare(
                "INSERT IGNORE INTO {$wpdb->options} (option_name, option_value, autoload) VALUES (%s, %s, 'no')",
                $option,
                $token
            ));
            if ($inserted === 1) {
                return array('type' => 'option', 'name' => $option, 'token' => $token);
            }
            $current = (string) $wpdb->get_var($wpdb->prepare(
                "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s",
                $option
            ));
            if ($current !== '' && (int) $current < time()) { // expired: a crashed holder
                $wpdb->query($wpdb->prepare(
                    "DELETE FROM {$wpdb->options} WHERE option_name = %s AND option_value = %s",
                    $option,
                    $current
                ));
                continue;
            }
            usleep(100000);
        } while (microtime(true) < $deadline);
        return self::busy();
    }

    private static function busy()
    {
        return new WP_Error(
            'igny8_busy',
            'Another publish of this content is still running; retry later.',
            array('status' => 409)
        );
    }
}
