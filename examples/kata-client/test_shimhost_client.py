"""The client against a running daemon: SHIMHOST_API_SOCKET names its API socket, and
KATA_SHIM_STANDIN a stand-in for the kata-shim binary (the tests under itests/ set both)."""

import os
import unittest

from shimhost_client import ShimhostClient, ShimhostError, ShimTimeout


class KataShimOperations(unittest.TestCase):

    def setUp(self):
        self.client = ShimhostClient(os.environ["SHIMHOST_API_SOCKET"])
        self.standin = os.environ["KATA_SHIM_STANDIN"]

    def tearDown(self):
        self.client.close()

    def start(self, shim_id, seconds):
        return self.client.start_shim("kataShim", id=shim_id, container="c-" + shim_id,
                                      url="unix:///run/agent.sock", detach=True,
                                      config={"path": self.standin},
                                      env={"KATA_STANDIN_SLEEP": str(seconds)})

    def test_a_started_shim_runs_until_stopped_and_is_then_forgotten(self):
        shim = self.start("py-1", 60)
        self.assertEqual(shim["state"], "running")
        self.assertTrue(self.client.is_shim_running("py-1"))
        with self.assertRaises(ShimTimeout):
            self.client.wait_for_shim("py-1", 0.2)
        stopped = self.client.stop_shim("py-1", timeout=5)
        self.assertIn(stopped["state"], ("exited", "killed"))
        self.assertFalse(self.client.is_shim_running("py-1"))
        self.assertEqual(self.client.wait_for_shim("py-1", 5)["pid"], shim["pid"])
        self.client.forget_shim("py-1")
        with self.assertRaises(ShimhostError) as gone:
            self.client.shim("py-1")
        self.assertEqual(gone.exception.status, 404)

    def test_kata_stop_is_a_sigkill(self):
        self.start("py-2", 60)
        self.assertEqual(self.client.stop_shim("py-2")["signal"], "SIGKILL")
        self.client.forget_shim("py-2")

    def test_a_shim_that_ends_by_itself_is_waited_for(self):
        self.start("py-3", 0)
        self.assertEqual(self.client.wait_for_shim("py-3", 30)["exitCode"], 0)
        self.client.forget_shim("py-3")

    def test_a_bad_field_is_an_error_naming_it(self):
        with self.assertRaises(ShimhostError) as bad:
            self.client.start_shim("kataShim", pid="many")
        self.assertEqual(bad.exception.status, 400)
        self.assertEqual(bad.exception.field, "pid")
        self.assertEqual(bad.exception.value, "many")

    def test_an_id_is_data(self):
        self.client.start_shim("noopShim", id="(shim:forget k1) $(reboot)")
        self.assertEqual(self.client.shim("(shim:forget k1) $(reboot)")["shim"]["id"], "(shim:forget k1) $(reboot)")
        self.client.forget_shim("(shim:forget k1) $(reboot)")


if __name__ == "__main__":
    unittest.main()
