{application,x,
             [{description,"A Graft relup fixture"},
              {vsn,"1.0.0"},
              {modules,['x.X','x.Y','x.Z','x.W']},
              {registered,[]},
              {applications,[kernel,stdlib]}]}.
