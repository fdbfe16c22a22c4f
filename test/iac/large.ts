/** A large generated configuration, for the performance test. */
import { blocks, json, ref, TerraformFile, unknown } from "./builders.js";

/** A configuration of `groups` × 10 resources: network, security, compute, containers, data, IAM. */
export function largeConfiguration(groups: number): TerraformFile {
  const tf = new TerraformFile("large.tf");
  tf.resource("aws_vpc", "main", { cidr_block: "10.0.0.0/8" });
  tf.resource("aws_internet_gateway", "main", { vpc_id: ref("aws_vpc.main", "id") });
  tf.resource("aws_route_table", "public", {
    vpc_id: ref("aws_vpc.main", "id"),
    route: blocks({ cidr_block: "0.0.0.0/0", gateway_id: ref("aws_internet_gateway.main", "id") }),
  });
  tf.resource("aws_security_group", "alb", {
    ingress: blocks({ from_port: 443, to_port: 443, protocol: "tcp", cidr_blocks: ["0.0.0.0/0"] }),
  });
  tf.resource("aws_lb", "main", { security_groups: [ref("aws_security_group.alb", "id")] });
  for (let i = 0; i < groups; i++) {
    const n = `g${i}`;
    tf.resource("aws_subnet", n, {
      vpc_id: ref("aws_vpc.main", "id"),
      availability_zone: `eu-west-1${"abc"[i % 3]}`,
      cidr_block: `10.${i >> 8}.${i & 255}.0/24`,
    });
    tf.resource("aws_route_table_association", n, {
      subnet_id: ref(`aws_subnet.${n}`, "id"),
      route_table_id: ref("aws_route_table.public", "id"),
    });
    tf.resource("aws_security_group", n, {
      vpc_id: ref("aws_vpc.main", "id"),
      ingress: blocks({
        from_port: 3000,
        to_port: 3000,
        protocol: "tcp",
        security_groups: [ref("aws_security_group.alb", "id")],
      }),
    });
    tf.resource("aws_instance", n, {
      subnet_id: ref(`aws_subnet.${n}`, "id"),
      vpc_security_group_ids: [ref(`aws_security_group.${n}`, "id")],
      user_data: "#!/bin/bash\nexport APP_ENV=prod",
    });
    tf.resource("aws_iam_role", n, {});
    tf.resource("aws_iam_role_policy", n, {
      role: ref(`aws_iam_role.${n}`, "id"),
      policy: json({
        Statement: [{ Effect: "Allow", Action: ["sqs:SendMessage"], Resource: [ref(`aws_sqs_queue.${n}`, "arn")] }],
      }),
    });
    tf.resource("aws_ecs_task_definition", n, {
      cpu: "256",
      memory: "512",
      task_role_arn: ref(`aws_iam_role.${n}`, "arn"),
      container_definitions: json([
        {
          name: "app",
          portMappings: [{ containerPort: 3000 }],
          environment: [
            { name: "QUEUE_URL", value: ref(`aws_sqs_queue.${n}`, "url") },
            { name: "DB_PASSWORD", value: unknown("var.password") },
          ],
        },
      ]),
    });
    tf.resource("aws_ecs_service", n, {
      task_definition: ref(`aws_ecs_task_definition.${n}`, "arn"),
      desired_count: 2,
      network_configuration: blocks({
        subnets: [ref(`aws_subnet.${n}`, "id")],
        security_groups: [ref(`aws_security_group.${n}`, "id")],
      }),
    });
    tf.resource("aws_sqs_queue", n, { name: n });
    tf.resource("aws_db_instance", n, {
      engine: "postgres",
      multi_az: i % 2 === 0,
      vpc_security_group_ids: [ref(`aws_security_group.${n}`, "id")],
    });
  }
  return tf;
}
