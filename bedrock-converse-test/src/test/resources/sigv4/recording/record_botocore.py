"""Records the raw requests of botocore's bedrock-runtime client as signed test fixtures.

A loopback HTTP/1.1 server captures method, path as sent, headers as received and body, and answers just
enough for botocore to finish. Usage: python3 record_botocore.py OUTPUT_DIR. Never points at AWS.
"""
import json
import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import botocore
import botocore.session
from botocore.config import Config

ACCESS_KEY_ID = "AKIDEXAMPLE"
SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
SESSION_TOKEN = "FQoGZXIvYXdzEXAMPLESESSIONTOKEN/+="
ARN = "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5-sonnet-20240620-v1:0"
MODEL = "anthropic.claude-3-haiku-20240307-v1:0"
CONVERSE_REPLY = json.dumps({"output": {"message": {"role": "assistant", "content": [{"text": "ok"}]}},
                             "stopReason": "end_turn", "usage": {"inputTokens": 1, "outputTokens": 1, "totalTokens": 2},
                             "metrics": {"latencyMs": 1}}).encode()
captured = []


class Recorder(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        captured.append({"protocol": "HTTP/1.1", "method": "POST", "path": self.path,
                         "headers": [[k, v] for k, v in self.headers.items()], "body": body.decode("utf-8")})
        stream = self.path.endswith("/converse-stream")
        payload = b"" if stream else CONVERSE_REPLY
        self.send_response(200)
        self.send_header("Content-Type", "application/vnd.amazon.eventstream" if stream else "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


def main(out):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    endpoint = "http://127.0.0.1:%d" % server.server_address[1]
    session = botocore.session.get_session()
    messages = [{"role": "user", "content": [{"text": "Hello from botocore: é ünïcode ✓"}]}]

    def client(token):
        return session.create_client("bedrock-runtime", region_name="us-east-1", endpoint_url=endpoint,
                                     aws_access_key_id=ACCESS_KEY_ID, aws_secret_access_key=SECRET,
                                     aws_session_token=token, config=Config(retries={"max_attempts": 1}))

    def record(name, token, call):
        captured.clear()
        result = call(client(token))
        if "stream" in result:
            for _ in result["stream"]:
                pass
        assert len(captured) == 1, "%s: expected one request, got %d" % (name, len(captured))
        fixture = dict(name=name, client="botocore %s on python %s" % (botocore.__version__, sys.version.split()[0]),
                       sessionToken=token, **captured[0])
        with open(os.path.join(out, name + ".json"), "w", encoding="utf-8") as f:
            json.dump(fixture, f, indent=2, ensure_ascii=False)
            f.write("\n")
        print("recorded %s: %s %s" % (name, fixture["method"], fixture["path"]))

    record("botocore-converse-model-id", None, lambda c: c.converse(modelId=MODEL, messages=messages))
    record("botocore-converse-arn-session-token", SESSION_TOKEN,
           lambda c: c.converse(modelId=ARN, messages=messages, inferenceConfig={"maxTokens": 100, "topP": 0.9}))
    record("botocore-converse-stream-arn", None, lambda c: c.converse_stream(modelId=ARN, messages=messages))
    server.shutdown()


if __name__ == "__main__":
    main(sys.argv[1])
